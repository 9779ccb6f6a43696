import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, DECORATORS, getSchemaPath, type SchemaObject } from '@nestjs/swagger';

import { ErrorCode, statusOf, titleOf } from './error-code';
import { problemType } from './problem';

export class ProblemFieldDto {
  @ApiProperty({ example: 'username' }) field: string;
  @ApiProperty({ example: 'username must be a string' }) message: string;
}

export class ProblemDto {
  @ApiProperty({ example: 'urn:pa-firearms-registry:problem:validation-failed' }) type: string;
  @ApiProperty({ example: 'The request is not valid' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'One or more fields are invalid.' }) detail: string;
  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorCode' }) code: ErrorCode;
  @ApiPropertyOptional({ type: [ProblemFieldDto] }) errors?: ProblemFieldDto[];
  @ApiPropertyOptional({ description: 'The X-Request-Id of the failed request' }) requestId?: string;
}

/** The problem+json media type of every error response. */
const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** A schema for "any JSON value" (an audit entry's before/after): no type is implied. */
export const ANY_JSON: { oneOf: SchemaObject[] } = {
  oneOf: [
    { type: 'object', additionalProperties: true },
    { type: 'array', items: {} },
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
  ],
};

/** What the example of each code says, where the title alone would be vague. */
const EXAMPLE_DETAILS: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.ValidationFailed]: 'One or more fields are invalid.',
  [ErrorCode.Unauthenticated]: 'A valid bearer token is required.',
  [ErrorCode.Forbidden]: 'Your roles do not allow this operation.',
  [ErrorCode.OutOfJurisdiction]: 'The record lies outside the districts you work in.',
  [ErrorCode.NotFound]: 'No such record.',
  [ErrorCode.StaleVersion]: 'The record was changed since you read it; read it again and retry.',
  [ErrorCode.PurposeRequired]: 'Give the case or file number in the X-Access-Purpose header.',
};

/** One example body per code: its own type, title, status and code, as the filter writes them. */
export function problemExample(code: ErrorCode): Record<string, unknown> {
  return {
    type: problemType(code),
    title: titleOf(code),
    status: statusOf(code),
    detail: EXAMPLE_DETAILS[code] ?? `${titleOf(code)}.`,
    code,
    ...(code === ErrorCode.ValidationFailed ? { errors: [{ field: 'serialNumber', message: 'serialNumber is required' }] } : {}),
    requestId: '3f0c6a1e-5b7d-4c2a-9d1e-8a4b2c6d0e9f',
  };
}

type ResponseMetadata = Record<string, { description?: string; content?: Record<string, { schema?: unknown; examples?: Record<string, unknown> }> }>;

/** Adds the codes' examples to a handler's (or class's) response metadata, keeping what is there. */
function addProblems(target: object, byStatus: Map<number, ErrorCode[]>): void {
  const responses = { ...((Reflect.getMetadata(DECORATORS.API_RESPONSE, target) as ResponseMetadata | undefined) ?? {}) };
  for (const [status, codes] of byStatus) {
    const existing = responses[status];
    const examples = { ...(existing?.content?.[PROBLEM_MEDIA_TYPE]?.examples ?? {}) };
    for (const code of codes) examples[code] = { summary: titleOf(code), value: problemExample(code) };
    const listed = Object.keys(examples);
    responses[status] = {
      ...existing,
      description: listed.join(', '),
      content: { ...existing?.content, [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) }, examples } },
    };
  }
  Reflect.defineMetadata(DECORATORS.API_RESPONSE, responses, target);
}

/**
 * Documents the problem+json responses an endpoint can give: one response per status, with a
 * named example per code (its own `code`, `status` and title). Several uses on one handler (the
 * route's own codes, `@Roles`' 401/403, `@PersonalDataRead`'s 400) add up instead of replacing
 * each other. On a class it adds to every handler of the class.
 */
export function ApiProblems(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = statusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const extraModels = ApiExtraModels(ProblemDto, ProblemFieldDto);
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    if (descriptor) {
      extraModels(target, key!, descriptor);
      addProblems(descriptor.value as object, byStatus);
      return;
    }
    extraModels(target as () => void);
    const prototype = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const member = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
      if (name !== 'constructor' && typeof member === 'function') addProblems(member, byStatus);
    }
  };
}

/** A 200 response of `{ items: T[], nextCursor }`. */
export function ApiPageResponse(model: Type<unknown>): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(model) } },
          nextCursor: { type: 'string', nullable: true },
        },
      },
    }),
  );
}
