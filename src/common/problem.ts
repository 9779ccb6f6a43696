import { HttpException } from '@nestjs/common';
import { type Language } from '../i18n/language';
import { type Message, msg, render, titleIn } from '../i18n/message';
import { DomainError, type FieldError, type ProblemFieldError } from './domain-error';
import { ErrorCode, statusOf } from './error-code';
import { isDependencyUnavailable, RETRY_AFTER_SECONDS } from './unavailable';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: ProblemFieldError[];
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

/** What toProblem decides before the language is known. */
interface ProblemDraft {
  code: ErrorCode;
  detail: Message | undefined;
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
  retryAfterSeconds?: number;
  unexpected?: boolean;
  unavailable?: boolean;
}

function build(code: ErrorCode, detail: Message | undefined, extra: Omit<ProblemDraft, 'code' | 'detail'> = {}): ProblemDraft {
  return { code, detail, ...extra };
}

/** The problem in `language`: title, detail and field messages from its catalogue. */
function inLanguage(draft: ProblemDraft, language: Language): Problem {
  const { code } = draft;
  const status = statusOf(code);
  // Every 503 tells the client when to try again.
  const retryAfter = draft.retryAfterSeconds ?? (code === ErrorCode.ServiceUnavailable ? RETRY_AFTER_SECONDS : undefined);
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
  const title = titleIn(code, language);
  return {
    status,
    body: {
      ...draft.extensions,
      type: problemType(code),
      title,
      status,
      detail: draft.detail ? render(draft.detail, language) : title,
      code,
      ...(draft.errors
        ? { errors: draft.errors.map((error) => ({ field: error.field, message: render(error.message, language) })) }
        : {}),
    },
    headers,
    unexpected: draft.unexpected ?? false,
    unavailable: draft.unavailable,
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

const genericDetail: Partial<Record<ErrorCode, Message>> = {
  [ErrorCode.Unauthenticated]: msg('auth.tokenRequired'),
  [ErrorCode.Forbidden]: msg('auth.forbidden'),
  [ErrorCode.NotFound]: msg('problem.noSuchResource'),
  [ErrorCode.MethodNotAllowed]: msg('problem.methodNotAllowed'),
  [ErrorCode.ServiceUnavailable]: msg('problem.unavailable'),
};

/** Fastify's own errors (body parsing, size limits) carry `code` FST_* and a statusCode. */
interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
}

function fromFastify(error: FastifyLikeError): ProblemDraft | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return build(ErrorCode.PayloadTooLarge, msg('problem.bodyTooLarge', 1_048_576));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return build(ErrorCode.UnsupportedMediaType, msg('problem.sendJson'));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return build(ErrorCode.MalformedJson, msg('problem.malformedJson'));
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return build(ErrorCode.ValidationFailed, msg('problem.badUrl'), {
        errors: [{ field: 'path', message: msg('field.badPath') }],
      });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return build(ErrorCode.ValidationFailed, msg('problem.badContentLength'));
    default:
      break;
  }
  // Fastify's JSON parser reports syntax errors as a plain SyntaxError with statusCode 400.
  if (error instanceof SyntaxError && (error as FastifyLikeError).statusCode === 400) {
    return build(ErrorCode.MalformedJson, msg('problem.malformedJson'));
  }
  return undefined;
}

/** Turns anything thrown while serving a request into the problem+json of the contract, in `language`. */
export function toProblem(exception: unknown, language: Language): Problem {
  return inLanguage(draftOf(exception), language);
}

function draftOf(exception: unknown): ProblemDraft {
  if (exception instanceof DomainError) {
    return build(exception.code, exception.detail, {
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
    return build(ErrorCode.ServiceUnavailable, msg('problem.dependencyUnavailable'), {
      unavailable: true,
    });
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = byHttpStatus[status];
    if (code) return build(code, genericDetail[code]);
    if (status < 500) return build(ErrorCode.ValidationFailed, msg('problem.unprocessable'));
  }
  return build(ErrorCode.InternalError, msg('problem.internal'), {
    unexpected: true,
  });
}
