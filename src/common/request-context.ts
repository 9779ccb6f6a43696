import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { type Principal } from '../auth/principal';
import { CONTENT_LANGUAGE, type Language, languageOf } from '../i18n/language';

/**
 * Who is asking, and through which request. Use cases receive it explicitly so the audit
 * entry of a change names the actor, the request id and the client address.
 */
export interface RequestContext {
  requestId: string;
  clientIp: string | null;
  principal: Principal | null;
  /** The language of the texts meant for a person (Accept-Language; Spanish by default). */
  language: Language;
}

const languages = new WeakMap<object, Language>();

/** The language a request asked for, read once from its Accept-Language. */
export function languageOfRequest(request: FastifyRequest): Language {
  const known = languages.get(request);
  if (known) return known;
  const language = languageOf(request.headers['accept-language']);
  languages.set(request, language);
  return language;
}

/** The Content-Language value answering the request. */
export function contentLanguageOf(request: FastifyRequest): string {
  return CONTENT_LANGUAGE[languageOfRequest(request)];
}

export function contextOf(request: FastifyRequest): RequestContext {
  return {
    requestId: String(request.id),
    clientIp: request.ip ?? null,
    principal: (request as FastifyRequest & { user?: Principal }).user ?? null,
    language: languageOfRequest(request),
  };
}

/** The request's language, for a controller that shows names meant for a person. */
export const RequestLanguage = createParamDecorator((_: unknown, ctx: ExecutionContext): Language =>
  languageOfRequest(ctx.switchToHttp().getRequest<FastifyRequest>()),
);

export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext =>
  contextOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
