import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from './auth.errors';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { Principal } from './principal';
import { Role } from './role.enum';

/**
 * Global: every route needs a valid access token unless marked @Public(). The token is
 * verified earlier, by the onRequest hook (auth-http.hooks.ts), before the body is read;
 * this guard holds the line for any route the hook did not cover.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    if (!request.user) throw new UnauthenticatedError();
    return true;
  }
}

/** Global: routes marked @Roles(...) need one of them. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required || required.length === 0) return true;
    const principal = (context.switchToHttp().getRequest<FastifyRequest>() as FastifyRequest & { user?: Principal })
      .user;
    if (!principal) throw new UnauthenticatedError();
    if (!principal.roles.some((role) => required.includes(role))) throw new ForbiddenError();
    return true;
  }
}
