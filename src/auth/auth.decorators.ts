import { applyDecorators, SetMetadata } from '@nestjs/common';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ErrorCode } from '../common/error-code';
import { ApiProblems } from '../common/openapi';
import { type Role } from './role.enum';

export const IS_PUBLIC = 'auth:isPublic';
export const REQUIRED_ROLES = 'auth:roles';

/** The Fastify route config flag the onRequest authentication hook reads (auth-http.hooks.ts). */
export const PUBLIC_ROUTE = 'authPublic';

/** Marks a route handler public in its Fastify route config, keeping any config it already has. */
function markRoutePublic(handler: object): void {
  const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as Record<string, unknown> | undefined) ?? {};
  Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, [PUBLIC_ROUTE]: true }, handler);
}

/**
 * No bearer token needed (login, refresh, health, metrics). On a class it marks every handler,
 * so that the hook that authenticates before the body is read knows the route from its config.
 */
export const Public =
  (): MethodDecorator & ClassDecorator =>
  (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    if (descriptor) {
      SetMetadata(IS_PUBLIC, true)(target, key!, descriptor);
      markRoutePublic(descriptor.value as object);
      return;
    }
    SetMetadata(IS_PUBLIC, true)(target as () => void);
    const prototype = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const member = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
      if (name !== 'constructor' && typeof member === 'function') markRoutePublic(member);
    }
  };

/** Any one of the roles grants access; documents the bearer scheme and the 401/403 answers. */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    ApiBearerAuth(),
    ApiProblems(ErrorCode.Unauthenticated, ErrorCode.Forbidden),
  );
}

/** Any authenticated user. */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiBearerAuth(), ApiProblems(ErrorCode.Unauthenticated));
}
