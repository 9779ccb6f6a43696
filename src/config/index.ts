import { type AppConfig, parseAppConfig, WorkersMode } from './app.config';
import { parseAuditConfig } from './audit.config';
import { parseAuthConfig } from './auth.config';
import { parseCertificatesConfig } from './certificates.config';
import { parseDatabaseConfig } from './database.config';
import { ConfigurationError, validateAll } from './env';
import { parseImportsConfig } from './imports.config';
import { parseItiConfig } from './iti.config';
import { parseNotificationsConfig } from './notifications-env';
import { parseReconciliationConfig } from './reconciliation.config';
import { parseRedisConfig } from './redis.config';

export { appConfig, WorkersMode } from './app.config';
export type { AppConfig } from './app.config';
export { auditConfig } from './audit.config';
export type { AuditConfig } from './audit.config';
export { authConfig } from './auth.config';
export type { AuthConfig } from './auth.config';
export { certificatesConfig, parseCertificatesConfig } from './certificates.config';
export type { CertificatesConfig } from './certificates.config';
export { databaseConfig } from './database.config';
export type { DatabaseConfig } from './database.config';
export { importsConfig, parseImportsConfig } from './imports.config';
export type { ImportsConfig } from './imports.config';
export { itiConfig, parseItiConfig } from './iti.config';
export type { ItiConfig } from './iti.config';
export { notificationsConfig } from './notifications.config';
export type { NotificationsConfig } from './notifications.config';
export { reconciliationConfig } from './reconciliation.config';
export type { ReconciliationConfig } from './reconciliation.config';
export { redisConfig } from './redis.config';
export type { RedisConfig } from './redis.config';
export { ConfigurationError } from './env';

/** The API signs checkpoints only when it runs the workers. */
export const apiSignsCheckpoints = (app: AppConfig): boolean => app.workers === WorkersMode.Inline;

export interface ProcessRole {
  /**
   * The process signs audit checkpoints (the worker, or the API with WORKERS=inline) and so
   * needs AUDIT_SIGNING_PRIVATE_KEY in production; any other needs the public key alone.
   */
  signsCheckpoints?: boolean | ((app: AppConfig) => boolean);
}

/** Checks every variable of every concern, so one failed start names all that is wrong. */
export function validateEnvironment(env: NodeJS.ProcessEnv, role: ProcessRole = {}): Record<string, unknown> {
  validateAll(env, [
    parseAppConfig,
    parseDatabaseConfig,
    parseRedisConfig,
    parseAuthConfig,
    parseAuditConfig,
    parseImportsConfig,
    parseReconciliationConfig,
    parseItiConfig,
    parseNotificationsConfig,
    parseCertificatesConfig,
  ]);
  const app = parseAppConfig(env);
  if (app.env === 'production') {
    const problems: string[] = [];
    const signs = typeof role.signsCheckpoints === 'function' ? role.signsCheckpoints(app) : (role.signsCheckpoints ?? false);
    if (!env.JWT_PRIVATE_KEY) problems.push('JWT_PRIVATE_KEY is required when NODE_ENV=production');
    if (signs && !env.AUDIT_SIGNING_PRIVATE_KEY) {
      problems.push(
        'AUDIT_SIGNING_PRIVATE_KEY is required when NODE_ENV=production in a process that signs checkpoints ' +
          '(the worker, or the API with WORKERS=inline)',
      );
    } else if (!env.AUDIT_SIGNING_PRIVATE_KEY && !env.AUDIT_SIGNING_PUBLIC_KEY) {
      problems.push('AUDIT_SIGNING_PUBLIC_KEY (or AUDIT_SIGNING_PRIVATE_KEY) is required when NODE_ENV=production');
    }
    if (problems.length > 0) throw new ConfigurationError(problems);
  }
  return env;
}
