import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorCode, statusOf } from './error-code';

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

/**
 * Documents the problem+json responses an endpoint can give, grouped by status, with the
 * codes each status carries. Every authenticated endpoint also lists 401 and 403.
 */
export function ApiProblems(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = statusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ApiExtraModels(ProblemDto, ProblemFieldDto),
    ...[...byStatus].map(([status, list]) =>
      ApiResponse({
        status,
        description: list.join(', '),
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
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
