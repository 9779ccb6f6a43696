import { type LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

/**
 * Paths never written to a log: credentials, tokens and identity-document numbers.
 * Request bodies are not logged at all; these catch them if an error object carries one.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.idDocument.number',
  '*.idNumber',
  '*.holderDocumentNumber',
  'password',
  'accessToken',
  'refreshToken',
];

export function createRootLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'firearms-registry' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  });
}

/** Nest's own log lines go through the same pino logger, as JSON. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
