import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { msg } from '../i18n/message';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError } from '../auth/auth.errors';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';

/** International traces and the INTERPOL export: admins, supervisors, and police of national scope. */
export const ITI_USERS = [Role.Admin, Role.Supervisor, Role.Police];

/**
 * Police reach international traces only with national scope (no jurisdiction): a trace
 * crosses borders, not districts. Admins and supervisors pass whatever their jurisdiction;
 * the roles themselves are checked first by the global RolesGuard.
 */
export function mayTraceInternationally(principal: Principal): boolean {
  if (principal.roles.includes(Role.Admin) || principal.roles.includes(Role.Supervisor)) return true;
  return principal.roles.includes(Role.Police) && principal.jurisdiction === null;
}

@Injectable()
export class NationalScopeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const principal = (context.switchToHttp().getRequest<FastifyRequest>() as FastifyRequest & { user?: Principal }).user;
    if (principal && !mayTraceInternationally(principal)) {
      throw new ForbiddenError(msg('iti.nationalScopeOnly'));
    }
    return true;
  }
}
