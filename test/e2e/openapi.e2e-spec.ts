import { ErrorCode } from '../../src/common/error-code';
import { TestApp } from '../support/test-app';

/**
 * The OpenAPI document at /docs-json is the contract newcomers and client generators read: every
 * operation must say what it does and who may call it, what it returns, and each error it can give
 * with an example body that fits its status.
 */
interface Example {
  value?: { status?: number; code?: string; type?: string; title?: string; errors?: unknown[] };
}
interface Media {
  schema?: Record<string, unknown>;
  examples?: Record<string, Example>;
}
interface Operation {
  summary?: string;
  description?: string;
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: unknown;
  responses: Record<string, { description?: string; content?: Record<string, Media> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, Record<string, unknown>> }> };
}

/** Operations anyone may call, without a bearer token. */
const PUBLIC = /^(POST \/api\/v1\/auth\/(login|refresh)|GET (\/api\/v1)?\/(health\/(live|ready)|metrics|docs.*))$/;
const ERROR_CODES = new Set<string>(Object.values(ErrorCode));
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;
  let operations: Array<[string, Operation]>;

  beforeAll(async () => {
    t = await TestApp.start({ WORKERS: 'off' });
    doc = (await t.http.get('/docs-json').expect(200)).body as Document;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => HTTP_METHODS.has(method))
        .map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the operations of every module', () => {
    expect(operations.length).toBeGreaterThan(60);
  });

  it('gives every operation a summary and a description of its own', () => {
    const missing = operations
      .filter(([, op]) => !op.summary?.trim() || !op.description || op.description.trim().length < 40 || op.description === op.summary)
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('gives every operation a success response with a schema, a file type, or no body for 202/204', () => {
    const missing = operations
      .filter(([, op]) => {
        const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
        if (success.length === 0) return true;
        return !success.every(([status, response]) => {
          if ((status === '202' || status === '204') && !response.content) return true;
          const content = response.content ?? {};
          const types = Object.keys(content);
          if (types.length === 0) return false;
          return types.every((type) => !/json$/.test(type) || (content[type].schema && Object.keys(content[type].schema).length > 0));
        });
      })
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('gives every declared 4xx a problem+json example per code, with the status it is declared under', () => {
    const wrong: string[] = [];
    for (const [name, op] of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^4\d\d$/.test(status)) continue;
        const examples = Object.values(response.content?.['application/problem+json']?.examples ?? {});
        if (examples.length === 0) wrong.push(`${name} ${status}: no example`);
        for (const example of examples) {
          const value = example.value ?? {};
          if (value.status !== Number(status) || !value.code || !value.title || !value.type?.endsWith(value.code.toLowerCase().replace(/_/g, '-'))) {
            wrong.push(`${name} ${status}: example ${JSON.stringify(value)}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('declares 401 on every operation behind a token, and 400 wherever a body or a parameter is taken', () => {
    const missing: string[] = [];
    for (const [name, op] of operations) {
      if (!PUBLIC.test(name) && !op.responses['401']) missing.push(`${name}: 401`);
      const takesInput = op.requestBody !== undefined || (op.parameters ?? []).some((parameter) => parameter.in === 'path' || parameter.in === 'query');
      if (takesInput && !op.responses['400']) missing.push(`${name}: 400`);
    }
    expect(missing).toEqual([]);
  });

  it('declares every error code an operation\'s description names', () => {
    const undeclared: string[] = [];
    for (const [name, op] of operations) {
      const declared = new Set(
        Object.values(op.responses).flatMap((response) =>
          Object.values(response.content?.['application/problem+json']?.examples ?? {}).map((example) => example.value?.code),
        ),
      );
      for (const [, code] of (op.description ?? '').matchAll(/`([A-Z][A-Z_]+[A-Z])`/g)) {
        if (ERROR_CODES.has(code) && !declared.has(code)) undeclared.push(`${name}: ${code}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('shows a distinct example for each error status of POST /owners', () => {
    const responses = doc.paths['/api/v1/owners'].post.responses;
    const codes = (status: string): string[] =>
      Object.values(responses[status].content?.['application/problem+json']?.examples ?? {}).map((example) => example.value!.code!);
    expect(codes('400')).toEqual(['VALIDATION_FAILED']);
    expect(codes('401')).toEqual(['UNAUTHENTICATED']);
    expect(codes('403').sort()).toEqual(['FORBIDDEN', 'OUT_OF_JURISDICTION']);
    expect(codes('409')).toEqual(['DUPLICATE_OWNER']);
    expect(codes('422')).toEqual(['OWNER_UNDER_AGE']);
    const validation = Object.values(responses['400'].content!['application/problem+json'].examples!)[0].value!;
    expect(validation.errors).toEqual([expect.objectContaining({ field: expect.any(String), message: expect.any(String) })]);
    // As the service answers a request with no Accept-Language: in Spanish.
    expect(validation).toMatchObject({ title: 'La solicitud no es válida', errors: [{ field: 'serialNumber', message: 'Falta el número de serie.' }] });
  });

  it('types no property as a shapeless object (a nullable string reflected as Object)', () => {
    const shapeless: string[] = [];
    for (const [model, schema] of Object.entries(doc.components.schemas)) {
      for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
        const shaped = ['properties', 'additionalProperties', 'allOf', 'oneOf', 'anyOf', '$ref'].some((key) => key in propertySchema);
        if (propertySchema.type === 'object' && !shaped) shapeless.push(`${model}.${property}`);
      }
    }
    expect(shapeless).toEqual([]);
    const owner = doc.components.schemas.CreateOwnerDto.properties!;
    for (const field of ['nationality', 'phone', 'email', 'birthDate']) expect(owner[field]).toMatchObject({ type: 'string', nullable: true });
  });
});
