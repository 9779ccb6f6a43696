import { msg } from '../i18n/message';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

/** Route config (`@RouteConfig(CSV_BODY)`) of the one route that takes a CSV body. */
export const CSV_BODY = { csvBody: true } as const;

function tooLarge(maxBytes: number): DomainError {
  return new DomainError(ErrorCode.PayloadTooLarge, msg('import.tooLarge', maxBytes));
}

/**
 * Reads `text/csv` bodies as a Buffer of at most `maxBytes`, on the routes marked CSV_BODY
 * only: anywhere else the type is refused before a byte is read, so the larger limit never
 * reaches the JSON routes, which keep theirs.
 */
export function registerCsvBody(fastify: FastifyInstance, maxBytes: number): void {
  fastify.addContentTypeParser('text/csv', async (request: FastifyRequest, payload: IncomingMessage): Promise<Buffer> => {
    const config = request.routeOptions.config as { csvBody?: boolean } | undefined;
    if (!config?.csvBody) throw new DomainError(ErrorCode.UnsupportedMediaType, msg('problem.sendJson'));
    if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw tooLarge(maxBytes);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      const part = chunk as Buffer;
      size += part.length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(part);
    }
    return Buffer.concat(chunks, size);
  });
}
