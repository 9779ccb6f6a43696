import { msg } from '../i18n/message';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { type FieldError, ValidationFailedError } from './domain-error';

/**
 * The input rules of the contract (API.md, Conventions) that hold for every endpoint, applied
 * before any controller, pipe or class-transformer sees the request:
 * - a JSON body nests at most MAX_NESTING levels (checked on the raw text, before parsing);
 * - no string of a body, a query or a path holds a control character other than tab, line feed
 *   and carriage return, or an unpaired UTF-16 surrogate (object keys included).
 * Each breach is a 400 VALIDATION_FAILED naming the field.
 */
export const MAX_NESTING = 32;

/** C0 controls except \t \n \r, DEL and the C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a string, or null when it is acceptable text. */
export function textFault(value: string): 'control' | 'surrogate' | null {
  if (CONTROL.test(value)) return 'control';
  if (LONE_SURROGATE.test(value)) return 'surrogate';
  return null;
}

const OPEN = 0x5b; // [
const OPEN_BRACE = 0x7b; // {
const CLOSE = 0x5d; // ]
const CLOSE_BRACE = 0x7d; // }
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The deepest nesting of arrays and objects in JSON text, found without parsing it. */
export function jsonNesting(text: Buffer | string): number {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (inString) {
      if (byte === BACKSLASH) index += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN || byte === OPEN_BRACE) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (byte === CLOSE || byte === CLOSE_BRACE) {
      depth -= 1;
    }
  }
  return deepest;
}

function join(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * The first string (value or key) in a parsed value that breaks the text rules, or a nesting
 * deeper than MAX_NESTING. Iterative, so no input can exhaust the stack.
 */
export function findInputFault(root: unknown, rootField = ''): FieldError | null {
  const pending: Array<{ value: unknown; field: string; depth: number }> = [{ value: root, field: rootField, depth: 0 }];
  while (pending.length > 0) {
    const { value, field, depth } = pending.pop()!;
    if (typeof value === 'string') {
      const fault = textFault(value);
      const name = field || 'body';
      if (fault) return { field: name, message: msg(fault === 'control' ? 'field.controlCharacters' : 'field.unpairedSurrogates', name) };
      continue;
    }
    if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) continue;
    if (depth >= MAX_NESTING) {
      return { field: field || 'body', message: msg('field.nestsTooDeep', field || 'body', MAX_NESTING) };
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, field: join(field, index), depth: depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const keyFault = textFault(key);
      if (keyFault) {
        const name = field || 'body';
        return { field: name, message: msg(keyFault === 'control' ? 'field.keyControlCharacters' : 'field.keyUnpairedSurrogates', name) };
      }
      pending.push({ value: item, field: join(field, key), depth: depth + 1 });
    }
  }
  return null;
}

function checkRequest(request: FastifyRequest): void {
  const faults = [
    findInputFault(request.params),
    findInputFault(request.query),
    findInputFault(request.body),
  ].filter((fault): fault is FieldError => fault !== null);
  if (faults.length > 0) throw new ValidationFailedError(faults);
}

/**
 * Installs the rules: the JSON parser (with the service's body limit, which Fastify answers
 * 413 PAYLOAD_TOO_LARGE) refuses deep nesting before parsing, and a preValidation hook checks
 * every string of params, query and body before the route's pipes run.
 */
export function installInputRules(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  const { onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
  const parseJson = fastify.getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error');
  app.useBodyParser('application/json', { bodyLimit }, (request, body: Buffer, done) => {
    if (jsonNesting(body) > MAX_NESTING) {
      done(
        new ValidationFailedError([{ field: 'body', message: msg('field.nestsTooDeep', 'body', MAX_NESTING) }]),
        undefined,
      );
      return;
    }
    void parseJson(request as FastifyRequest, body.toString('utf8'), done);
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      checkRequest(request);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
}
