import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from './auth.errors';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { Principal } from './principal';
import { Role } from './role.enum';

/** Global: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext): ReturnType<CanActivate['canActivate']> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T = Principal>(error: unknown, user: T | false): T {
    if (error instanceof Error && !(error instanceof UnauthenticatedError)) throw error;
    if (!user) throw new UnauthenticatedError();
    return user;
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
