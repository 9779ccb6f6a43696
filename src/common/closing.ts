import { msg } from '../i18n/message';
import { type FastifyInstance } from 'fastify';
import { ErrorCode } from './error-code';
import { DomainError } from './domain-error';
import { sendProblem } from './problem.filter';

/**
 * While the process is closing, every request that still reaches it (on a kept-alive
 * connection, or while queue workers drain) is answered 503 SERVICE_UNAVAILABLE as the
 * contract's problem+json, with Retry-After and `Connection: close`, instead of Fastify's own
 * `{"error":"Service Unavailable"}` (the server is built with `return503OnClosing: false`).
 */
export class ClosingGate {
  private closing = false;

  get isClosing(): boolean {
    return this.closing;
  }

  /** From now on, new requests are refused. */
  close(): void {
    this.closing = true;
  }

  install(fastify: FastifyInstance, logger: { error(message: string, trace?: string): void; warn(message: string): void }): void {
    // Fastify closing on its own (app.close() without close() here first) closes the gate too.
    fastify.addHook('preClose', (done) => {
      this.closing = true;
      done();
    });
    fastify.addHook('onRequest', (request, reply, done) => {
      if (!this.closing) {
        done();
        return;
      }
      void reply.header('connection', 'close');
      sendProblem(new DomainError(ErrorCode.ServiceUnavailable, msg('problem.closing')), request, reply, logger);
    });
  }
}
