import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, DECORATORS, getSchemaPath, type SchemaObject } from '@nestjs/swagger';

import { type Message, msg, render, titleIn } from '../i18n/message';
import { ErrorCode, statusOf, titleOf } from './error-code';
import { problemType } from './problem';
import { PURPOSE_MAX, PURPOSE_MIN } from '../personal-data/access-purpose';

export class ProblemFieldDto {
  @ApiProperty({ example: 'serialNumber' }) field: string;
  @ApiProperty({ example: 'Falta el número de serie.' }) message: string;
}

export class ProblemDto {
  @ApiProperty({ example: 'urn:pa-firearms-registry:problem:validation-failed' }) type: string;
  @ApiProperty({ example: 'La solicitud no es válida', description: 'In the language of the request (Content-Language)' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'Uno o más campos no son válidos.', description: 'In the language of the request (Content-Language)' }) detail: string;
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

/** What the example of each code says, where the title alone would be vague: catalogue messages, as the filter renders them. */
const EXAMPLE_DETAILS: Partial<Record<ErrorCode, Message>> = {
  [ErrorCode.ValidationFailed]: msg('problem.invalid'),
  [ErrorCode.Unauthenticated]: msg('auth.tokenRequired'),
  [ErrorCode.Forbidden]: msg('auth.forbidden'),
  [ErrorCode.OutOfJurisdiction]: msg('auth.outOfJurisdiction', '8-05'),
  [ErrorCode.NotFound]: msg('problem.notFound', 'weapon', '0b6f3a52-8c1d-4e7a-9f20-5d3c8b1a7e64'),
  [ErrorCode.StaleVersion]: msg('problem.staleVersion', 3),
  [ErrorCode.PurposeRequired]: msg('problem.purposeRequired', PURPOSE_MIN, PURPOSE_MAX),
};

/**
 * One example body per code, as the filter writes it for a request with no Accept-Language
 * (Spanish, the default): its own type, title, status and code.
 */
export function problemExample(code: ErrorCode): Record<string, unknown> {
  const title = titleIn(code, 'es');
  const detail = EXAMPLE_DETAILS[code];
  return {
    type: problemType(code),
    title,
    status: statusOf(code),
    detail: detail ? render(detail, 'es') : `${title}.`,
    code,
    ...(code === ErrorCode.ValidationFailed ? { errors: [{ field: 'serialNumber', message: render(msg('field.missing', 'serialNumber'), 'es') }] } : {}),
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
