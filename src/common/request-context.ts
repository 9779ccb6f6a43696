import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { type Principal } from '../auth/principal';

/**
 * Who is asking, and through which request. Use cases receive it explicitly so the audit
 * entry of a change names the actor, the request id and the client address.
 */
export interface RequestContext {
  requestId: string;
  clientIp: string | null;
  principal: Principal | null;
}

export function contextOf(request: FastifyRequest): RequestContext {
  return {
    requestId: String(request.id),
    clientIp: request.ip ?? null,
    principal: (request as FastifyRequest & { user?: Principal }).user ?? null,
  };
}

export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext =>
  contextOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
