import { msg } from '../i18n/message';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import passport from 'passport';
import { ErrorCode } from '../common/error-code';
import { UnauthenticatedError } from './auth.errors';
import { PUBLIC_ROUTE } from './auth.decorators';
import { type Principal } from './principal';

type AuthedRequest = FastifyRequest & { user?: Principal };

/** Answers that are security events: refused credentials or tokens, refused roles or scope, throttling. */
const SECURITY_STATUSES = new Set([401, 403, 429]);
const BEARER = /^Bearer ([A-Za-z0-9_.-]{1,4096})$/;

function needsToken(request: FastifyRequest, apiPrefix: string): boolean {
  const url = request.routeOptions.url;
  // Unmatched paths (404) and the API docs are not API routes; everything under the prefix is.
  if (url === undefined || !url.startsWith(`/${apiPrefix}/`)) return false;
  return !(request.routeOptions.config as { [PUBLIC_ROUTE]?: boolean } | undefined)?.[PUBLIC_ROUTE];
}

/** The code of a problem+json answer, read back from the body being sent. */
function problemCode(reply: FastifyReply, payload: unknown): string | null {
  if (typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').startsWith('application/problem+json')) return null;
  try {
    const code = (JSON.parse(payload) as { code?: unknown }).code;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}

/** The username a refused login named; a string field of the parsed body, never the password. */
function attemptedUsername(request: FastifyRequest): string | null {
  const username = (request.body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username.slice(0, 64) : null;
}

/**
 * Runs the passport-jwt strategy (jwt.strategy.ts) on the raw request: passport-jwt reads
 * `req.headers.authorization`. Resolves to the principal, or null for a refused token.
 */
function authenticateJwt(request: FastifyRequest, reply: FastifyReply): Promise<Principal | null> {
  return new Promise((resolve, reject) => {
    const middleware = passport.authenticate('jwt', { session: false }, (error: unknown, user: Principal | false | undefined) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve(user || null);
    }) as (req: unknown, res: unknown, next: (error?: unknown) => void) => void;
    // The strategy never passes; `next` is reached only through an error.
    middleware(request.raw, reply.raw, (error?: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
  });
}

/**
 * HTTP-level authentication, registered on the Fastify instance:
 * - onRequest: a protected route's bearer token is verified before anything else, so an
 *   unauthenticated request is refused before its body is read (a 64 MiB import included);
 * - onSend: `Cache-Control: no-store` on every API answer (tokens and personal data are
 *   never kept by a cache; the simplest rule that cannot miss one), `WWW-Authenticate:
 *   Bearer` on 401, and one structured security event per 401, 403 and 429: username,
 *   client address, route and code, never a password or token.
 */
export function registerAuthHooks(app: NestFastifyApplication, apiPrefix: string): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request: AuthedRequest, reply) => {
    if (!needsToken(request, apiPrefix)) return;
    const match = BEARER.exec(request.headers.authorization ?? '');
    const principal = match ? await authenticateJwt(request, reply) : null;
    if (!principal) {
      throw new UnauthenticatedError(match ? msg('auth.tokenInvalid') : msg('auth.tokenRequired'));
    }
    request.user = principal;
  });
  fastify.addHook('onSend', async (request: AuthedRequest, reply, payload) => {
    if (request.url.startsWith(`/${apiPrefix}/`)) void reply.header('cache-control', 'no-store');
    if (reply.statusCode === 401) void reply.header('www-authenticate', 'Bearer');
    if (SECURITY_STATUSES.has(reply.statusCode)) {
      request.log.warn(
        {
          event: 'security',
          status: reply.statusCode,
          code: problemCode(reply, payload) ?? (reply.statusCode === 401 ? ErrorCode.Unauthenticated : null),
          username: request.user?.username ?? attemptedUsername(request),
          clientIp: request.ip,
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
        },
        'security event',
      );
    }
    return payload;
  });
}
