import { applyDecorators, type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';

const LOCATION_METADATA = 'registry:location';
const LOCATION_EXTENSION = 'x-location';
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/**
 * Marks a 201/202 route with the path of what it creates (for a 202, the path to poll), e.g.
 * `@Created('/api/v1/weapons/{id}')`. Each `{name}` is taken from the response body, else from
 * the route's parameters. LocationInterceptor sets the `Location` header from it, on the first
 * answer and on an idempotent replay alike (the replayed body names the same record).
 */
export const Created = (pattern: string): MethodDecorator =>
  applyDecorators(SetMetadata(LOCATION_METADATA, pattern), ApiExtension(LOCATION_EXTENSION, pattern));

/** The pattern with its placeholders filled, or undefined when one has no value. */
export function resolveLocation(pattern: string, body: unknown, params: Record<string, unknown>): string | undefined {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  let missing = false;
  const path = pattern.replace(PLACEHOLDER, (_: string, name: string) => {
    const value = source[name] ?? params[name];
    if (typeof value !== 'string' && typeof value !== 'number') {
      missing = true;
      return '';
    }
    return encodeURIComponent(String(value));
  });
  return missing ? undefined : path;
}

/** Sets `Location` on the answers of the routes marked with @Created (registered globally). */
@Injectable()
export class LocationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const pattern = this.reflector.get<string | undefined>(LOCATION_METADATA, context.getHandler());
    if (pattern === undefined || context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const params = (http.getRequest<FastifyRequest>().params ?? {}) as Record<string, unknown>;
    return next.handle().pipe(
      map((body: unknown) => {
        const location = resolveLocation(pattern, body, params);
        if (location !== undefined) void reply.header('Location', location);
        return body;
      }),
    );
  }
}

/**
 * Describes the `Location` header on the 201 and 202 answers of the operations marked with
 * @Created (and only those, so a route that forgets the decorator shows without it).
 */
export function describeLocationHeaders(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      if (typeof operation !== 'object' || operation === null) continue;
      const marked = operation as Record<string, unknown> & { responses?: Record<string, { headers?: Record<string, unknown> }> };
      const pattern = marked[LOCATION_EXTENSION];
      const responses = marked.responses;
      if (typeof pattern !== 'string' || !responses) continue;
      delete marked[LOCATION_EXTENSION];
      for (const status of ['201', '202'] as const) {
        const response = responses[status];
        if (!response) continue;
        response.headers = {
          ...response.headers,
          Location: {
            description: status === '201' ? 'Path of the created resource' : 'Path to poll for the queued work',
            schema: { type: 'string', example: pattern },
          },
        };
      }
    }
  }
  return document;
}
