import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { TestApp, type TestUser } from '../support/test-app';
import { reportFigures, scaled } from './support/figures';

/**
 * A property-based fuzz of every operation in /docs-json: malformed bodies (a valid-looking body
 * with one field made hostile, any JSON, deep nesting, bodies over the limit), queries, path
 * params and headers. No answer may be a 5xx, and every 4xx is problem+json. Bounded:
 * FAULTS_FUZZ_RUNS runs per operation (default 6); FAULTS_SEED replays a failing run, whose seed
 * fast-check prints; FAULTS_FUZZ_ONLY (a regular expression on "METHOD /path") narrows the operations.
 */
const RUNS_PER_OPERATION = scaled('FAULTS_FUZZ_RUNS', 6);
const SEED = Number.isInteger(Number(process.env.FAULTS_SEED)) && process.env.FAULTS_SEED ? Number(process.env.FAULTS_SEED) : Date.now() % 2 ** 31;

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}

const HOSTILE_STRINGS = [
  '',
  '\u0000',
  'a\u0000b',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\ud800',
  'x\udfff',
  '\ud83d\ude00',
  '2026-02-30',
  '2025-02-29',
  '0000-01-01',
  '1799-12-31',
  '2101-01-01',
  '2026-02-30T10:00:00Z',
  '0000-01-01T00:00:00Z',
  '1',
  '-1',
  '1e400',
  '99999999999999999999',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '../../etc/passwd',
  "'; DROP TABLE weapons; --",
  '%00',
  'x'.repeat(5000),
  Buffer.from(JSON.stringify(['1', 'x'])).toString('base64url'),
  Buffer.from(JSON.stringify(['2020', randomUUID()])).toString('base64url'),
  Buffer.from(JSON.stringify('\u0000')).toString('base64url'),
  Buffer.from('not json').toString('base64url'),
  '00000000-0000-0000-0000-000000000000',
];
const HOSTILE_NUMBERS = [0, -1, 0.5, -0, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2];

const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 40 }));
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { a: '\u0000' }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

function resolve(document: Schema, schema: Schema | undefined): Schema {
  let current = schema ?? {};
  for (let hops = 0; typeof current.$ref === 'string' && hops < 20; hops += 1) {
    const name = current.$ref.split('/').pop()!;
    current = ((document.components as Schema).schemas as Record<string, Schema>)[name] ?? {};
  }
  return current;
}

/** A body that looks valid: examples, enums and formats filled in, so fields get past the whitelist. */
function sample(document: Schema, raw: Schema | undefined, depth = 0): unknown {
  const schema = resolve(document, raw);
  if (depth > 8) return null;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      if (key !== 'allOf') return sample(document, options[0] as Schema, depth + 1);
      return Object.assign({}, ...options.map((option) => sample(document, option as Schema, depth + 1)));
    }
  }
  if (schema.type === 'object' || schema.properties) {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    return Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, sample(document, property, depth + 1)]));
  }
  if (schema.type === 'array') return [sample(document, schema.items as Schema, depth + 1)];
  if (schema.type === 'integer' || schema.type === 'number') return typeof schema.minimum === 'number' ? schema.minimum : 1;
  if (schema.type === 'boolean') return true;
  if (schema.format === 'date') return '2026-01-10';
  if (schema.format === 'date-time') return '2026-01-10T10:00:00.000Z';
  if (schema.format === 'uuid') return randomUUID();
  return 'x';
}

/** Paths to every value of a sampled body, so one of them can be made hostile. */
function leaves(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [path];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [path, ...entries.flatMap(([key, item]) => leaves(item, [...path, key]))];
}

function replaced(value: unknown, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[path[0]] = replaced(copy[path[0]], path.slice(1), replacement);
  return copy;
}

/** Percent-encodes, keeping unpaired surrogates (which encodeURIComponent refuses) as their raw UTF-8 bytes. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return Array.from(text)
      .map((character) => {
        try {
          return encodeURIComponent(character);
        } catch {
          return Buffer.from([0xed, 0xa0 | ((character.charCodeAt(0) >> 6) & 0x1f), 0x80 | (character.charCodeAt(0) & 0x3f)])
            .toString('hex')
            .replace(/(..)/g, '%$1');
        }
      })
      .join('');
  }
}

const BYTE_STRING = /^[\t\x20-\x7e\x80-\xff]*$/;

describe('fuzz of every operation in /docs-json (faults)', () => {
  jest.setTimeout(300_000);
  let t: TestApp;
  let user: TestUser;
  let document: Schema;
  let operations: Operation[];

  beforeAll(async () => {
    t = await TestApp.start({ DATABASE_POOL_SIZE: '10' });
    const admin = await t.bootstrapAdmin();
    // Every role and no jurisdiction: requests get past authorization to the input rules.
    user = await t.user(admin, ['admin', 'officer', 'supervisor', 'police', 'auditor'], { jurisdiction: null });
    document = (await t.http.get('/docs-json').expect(200)).body as Schema;
    operations = Object.entries(document.paths as Record<string, Record<string, Schema>>).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => ({
          method: method.toUpperCase(),
          path,
          parameters: ((operation.parameters ?? []) as Parameter[]).map((parameter) => ({ ...parameter, schema: resolve(document, parameter.schema) })),
          body: ((operation.requestBody as Schema | undefined)?.content as Record<string, Schema> | undefined)?.['application/json']?.schema as
            | Schema
            | undefined,
        })),
    ).filter((operation) => !process.env.FAULTS_FUZZ_ONLY || new RegExp(process.env.FAULTS_FUZZ_ONLY).test(`${operation.method} ${operation.path}`));
  });
  afterAll(() => t.close());

  it('answers no 5xx, and problem+json for every 4xx, to malformed requests', async () => {
    expect(operations.length).toBeGreaterThan(process.env.FAULTS_FUZZ_ONLY ? 0 : 20);
    let requests = 0;
    const statuses: Record<string, number> = {};
    const bodyKind = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('field' as const), pick: fc.nat(), value: hostileValue }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 4 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('deep' as const), levels: fc.integer({ min: 33, max: 50_000 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('text' as const), value: fc.constantFrom('', '{', '{"a":1,}', 'null', '"\\ud800"', '\u0000', '{"__proto__":{"x":1}}') }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'huge' as const }) },
    );
    const request = fc.record({
      operation: fc.constantFrom(...operations),
      pathValues: fc.array(fc.oneof(hostileString, fc.constant(randomUUID())), { minLength: 4, maxLength: 4 }),
      query: fc.array(fc.tuple(fc.nat(), hostileValue, fc.boolean()), { maxLength: 4 }),
      body: bodyKind,
      auth: fc.oneof(
        { weight: 6, arbitrary: fc.constant('user') },
        { weight: 1, arbitrary: fc.constantFrom('', 'Bearer', 'Bearer x.y.z', 'Basic YTpi', `Bearer ${'a'.repeat(5000)}`) },
      ),
      headers: fc.record(
        {
          'accept-language': fc.oneof(fc.constantFrom('en', 'es-PA', '*', 'zz;q=x', 'en;q=0.1, es'), hostileString),
          'x-request-id': hostileString,
          'idempotency-key': hostileString,
          'content-type': fc.constantFrom('application/json', 'application/json; charset=latin1', 'text/csv', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', ';;'),
          accept: fc.constantFrom('application/json', 'text/csv', '*/*', 'application/pdf'),
        },
        { requiredKeys: ['content-type'] },
      ),
    });

    await fc.assert(
      fc.asyncProperty(request, async ({ operation, pathValues, query, body, auth, headers }) => {
        let index = 0;
        const path = operation.path.replace(/\{[^}]+\}/g, () => encode(pathValues[index++ % pathValues.length]));
        const queryNames = operation.parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
        const search = query
          .map(([pick, value, known]) => {
            const name = known && queryNames.length > 0 ? queryNames[pick % queryNames.length] : ['cursor', 'limit', 'x', '\u0000'][pick % 4];
            return `${encode(name)}=${encode(typeof value === 'string' ? value : JSON.stringify(value) ?? '')}`;
          })
          .join('&');
        let text: string | undefined;
        if (operation.method !== 'GET' && operation.method !== 'DELETE') {
          if (body.kind === 'field') {
            const valid = sample(document, operation.body);
            const paths = leaves(valid);
            text = JSON.stringify(replaced(valid, paths[body.pick % paths.length], body.value));
          } else if (body.kind === 'json') text = JSON.stringify(body.value);
          else if (body.kind === 'deep') text = `{"a":${'['.repeat(body.levels)}${']'.repeat(body.levels)}}`;
          else if (body.kind === 'text') text = body.value;
          else text = JSON.stringify({ padding: 'x'.repeat(1_100_000) });
        }
        const sent: Record<string, string> = {};
        for (const [name, value] of Object.entries(headers)) if (typeof value === 'string' && BYTE_STRING.test(value)) sent[name] = value;
        if (auth === 'user') sent.authorization = `Bearer ${user.accessToken}`;
        else if (auth) sent.authorization = auth;
        if (/^\/api\/v1\/auth\/(logout|refresh)/.test(operation.path)) delete sent.authorization;
        const url = `${t.baseUrl}${path}${search ? `?${search}` : ''}`;
        const response = await fetch(url, { method: operation.method, headers: sent, body: text });
        const answer = await response.text();
        requests += 1;
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        const type = response.headers.get('content-type') ?? '';
        if (response.status >= 500 || (response.status >= 400 && !type.startsWith('application/problem+json'))) {
          const logged = t.logs.split('\n').filter((line) => line.includes('unexpected error')).slice(-1)[0] ?? '';
          throw new Error(
            `${operation.method} ${url.slice(0, 300)} ${JSON.stringify(sent).slice(0, 300)} -> ${response.status} ${type} ${answer.slice(0, 300)} (body ${text?.slice(0, 200)})\n${logged.slice(0, 2000)}`,
          );
        }
      }),
      { numRuns: operations.length * RUNS_PER_OPERATION, seed: SEED, endOnFailure: true, verbose: 1 },
    ).catch((error: unknown) => {
      process.stdout.write(`fuzz failed; replay with FAULTS_SEED=${SEED}\n`);
      throw error;
    });
    reportFigures('fuzz', { seed: SEED, operations: operations.length, requests, statuses: JSON.stringify(statuses) });
  });
});
