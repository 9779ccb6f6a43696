import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ErrorCode } from '../common/error-code';
import { ApiProblems } from '../common/openapi';
import { type Role } from './role.enum';

export const IS_PUBLIC = 'auth:isPublic';
export const REQUIRED_ROLES = 'auth:roles';

/** No bearer token needed (login, refresh, health, metrics). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

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
