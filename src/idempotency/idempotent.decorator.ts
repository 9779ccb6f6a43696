import {
  applyDecorators,
  type CallHandler,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { HTTP_CODE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import type { Principal } from '../auth/principal';
import { idempotencyKey } from './idempotency-key';
import type { IdempotentRequest, IdempotentResult } from './idempotency.service';

/** The header a replayed answer carries, as the contract says. */
const REPLAYED_HEADER = 'Idempotent-Replayed';

function isIdempotentResult(value: unknown): value is IdempotentResult<unknown> {
  return typeof value === 'object' && value !== null && 'replayed' in value && 'body' in value;
}

/**
 * Turns the IdempotentResult a handler returns into the answer: its body, the first answer's
 * status on a replay, and `Idempotent-Replayed: true` there.
 */
@Injectable()
export class IdempotentReplyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result: unknown) => {
        if (!isIdempotentResult(result)) return result;
        if (result.status !== undefined) void reply.status(result.status);
        if (result.replayed) void reply.header(REPLAYED_HEADER, 'true');
        return result.body;
      }),
    );
  }
}

/**
 * Marks a route as taking an Idempotency-Key: documents the header, and answers with the body
 * of the IdempotentResult the handler returns (see IdempotentReplyInterceptor).
 */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replays the first response for 24 h' }),
    UseInterceptors(IdempotentReplyInterceptor),
  );
}

function routePath(context: ExecutionContext): string {
  const segments = [
    Reflect.getMetadata(PATH_METADATA, context.getClass()) as string | undefined,
    Reflect.getMetadata(PATH_METADATA, context.getHandler()) as string | undefined,
  ];
  return `/${segments
    .flatMap((segment) => (segment ?? '').split('/'))
    .filter((part) => part.length > 0)
    .join('/')}`;
}

/**
 * The route's IdempotentRequest, or null without an Idempotency-Key header (a malformed one is
 * a 400). Its scope is the route (`POST /weapons`), its status the route's own.
 */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): IdempotentRequest | null => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
  const header = request.headers['idempotency-key'];
  const key = idempotencyKey(Array.isArray(header) ? header[0] : header);
  if (key === undefined || !request.user) return null;
  const declared = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined;
  return {
    actorId: request.user.id,
    scope: `${request.method} ${routePath(context)}`,
    key,
    status: declared ?? (request.method === 'POST' ? 201 : 200),
  };
});
