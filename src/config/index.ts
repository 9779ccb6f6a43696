import { parseAppConfig } from './app.config';
import { parseAuditConfig } from './audit.config';
import { parseAuthConfig } from './auth.config';
import { parseDatabaseConfig } from './database.config';
import { ConfigurationError, validateAll } from './env';
import { parseImportsConfig } from './imports.config';
import { parseReconciliationConfig } from './reconciliation.config';
import { parseRedisConfig } from './redis.config';

export { appConfig, WorkersMode } from './app.config';
export type { AppConfig } from './app.config';
export { auditConfig } from './audit.config';
export type { AuditConfig } from './audit.config';
export { authConfig } from './auth.config';
export type { AuthConfig } from './auth.config';
export { databaseConfig } from './database.config';
export type { DatabaseConfig } from './database.config';
export { importsConfig, parseImportsConfig } from './imports.config';
export type { ImportsConfig } from './imports.config';
export { reconciliationConfig } from './reconciliation.config';
export type { ReconciliationConfig } from './reconciliation.config';
export { redisConfig } from './redis.config';
export type { RedisConfig } from './redis.config';
export { ConfigurationError } from './env';

/** Checks every variable of every concern, so one failed start names all that is wrong. */
export function validateEnvironment(env: NodeJS.ProcessEnv): Record<string, unknown> {
  validateAll(env, [
    parseAppConfig,
    parseDatabaseConfig,
    parseRedisConfig,
    parseAuthConfig,
    parseAuditConfig,
    parseImportsConfig,
    parseReconciliationConfig,
  ]);
  if (parseAppConfig(env).env === 'production') {
    const missing = ['JWT_PRIVATE_KEY', 'AUDIT_SIGNING_PRIVATE_KEY'].filter((name) => !env[name]);
    if (missing.length > 0) {
      throw new ConfigurationError(missing.map((name) => `${name} is required when NODE_ENV=production`));
    }
  }
  return env;
}
