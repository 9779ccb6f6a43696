import { HttpException } from '@nestjs/common';
import { DomainError, type FieldError } from './domain-error';
import { ErrorCode, statusOf, titleOf } from './error-code';
import { isDependencyUnavailable, RETRY_AFTER_SECONDS } from './unavailable';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  requestId?: string;
  [extension: string]: unknown;
}

export interface Problem {
  status: number;
  body: ProblemBody;
  headers: Record<string, string>;
  /** True when the cause is unexpected and must be logged in full (never sent). */
  unexpected: boolean;
  /** True when PostgreSQL or Redis could not be reached: logged as a warning, without the stack. */
  unavailable?: boolean;
}

export function problemType(code: ErrorCode): string {
  return `urn:pa-firearms-registry:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

function build(
  code: ErrorCode,
  detail: string,
  extra: Partial<Pick<Problem, 'unexpected' | 'unavailable'>> & {
    errors?: FieldError[];
    extensions?: Record<string, unknown>;
    retryAfterSeconds?: number;
  } = {},
): Problem {
  const status = statusOf(code);
  // Every 503 tells the client when to try again.
  const retryAfter = extra.retryAfterSeconds ?? (code === ErrorCode.ServiceUnavailable ? RETRY_AFTER_SECONDS : undefined);
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
  return {
    status,
    body: {
      ...extra.extensions,
      type: problemType(code),
      title: titleOf(code),
      status,
      detail,
      code,
      ...(extra.errors ? { errors: extra.errors } : {}),
    },
    headers,
    unexpected: extra.unexpected ?? false,
    unavailable: extra.unavailable,
  };
}

const byHttpStatus: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  405: ErrorCode.MethodNotAllowed,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.TooManyAttempts,
  503: ErrorCode.ServiceUnavailable,
};

const genericDetail: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.Unauthenticated]: 'A valid bearer access token is required.',
  [ErrorCode.Forbidden]: 'Your roles do not allow this action.',
  [ErrorCode.NotFound]: 'No such resource.',
  [ErrorCode.MethodNotAllowed]: 'This method is not allowed here.',
  [ErrorCode.ServiceUnavailable]: 'A dependency of the service is unavailable.',
};

/** Fastify's own errors (body parsing, size limits) carry `code` FST_* and a statusCode. */
interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
}

function fromFastify(error: FastifyLikeError): Problem | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return build(ErrorCode.PayloadTooLarge, 'The request body exceeds 1 MiB.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return build(ErrorCode.UnsupportedMediaType, 'Send the body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return build(ErrorCode.MalformedJson, 'The request body could not be parsed as JSON.');
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return build(ErrorCode.ValidationFailed, 'The URL is not valid.', {
        errors: [{ field: 'path', message: 'path must be valid percent-encoded UTF-8 with parameters of at most 100 characters' }],
      });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return build(ErrorCode.ValidationFailed, 'The Content-Length header does not match the body.');
    default:
      break;
  }
  // Fastify's JSON parser reports syntax errors as a plain SyntaxError with statusCode 400.
  if (error instanceof SyntaxError && (error as FastifyLikeError).statusCode === 400) {
    return build(ErrorCode.MalformedJson, 'The request body could not be parsed as JSON.');
  }
  return undefined;
}

/** Turns anything thrown while serving a request into the problem+json of the contract. */
export function toProblem(exception: unknown): Problem {
  if (exception instanceof DomainError) {
    return build(exception.code, exception.detail ?? titleOf(exception.code), {
      errors: exception.options.errors,
      retryAfterSeconds: exception.options.retryAfterSeconds,
      extensions: exception.options.extensions,
    });
  }
  // Nest wraps Fastify's own errors in an HttpException whose cause is the original.
  const original = exception instanceof HttpException && exception.cause ? exception.cause : exception;
  const fastify = original && typeof original === 'object' ? fromFastify(original as FastifyLikeError) : undefined;
  if (fastify) return fastify;
  if (isDependencyUnavailable(exception)) {
    return build(ErrorCode.ServiceUnavailable, 'The database or the queue cannot be reached right now; try again shortly.', {
      unavailable: true,
    });
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = byHttpStatus[status];
    if (code) return build(code, genericDetail[code] ?? titleOf(code));
    if (status < 500) return build(ErrorCode.ValidationFailed, 'The request could not be processed.');
  }
  return build(ErrorCode.InternalError, 'An unexpected error occurred; quote the request id when reporting it.', {
    unexpected: true,
  });
}
