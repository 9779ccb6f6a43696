import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

type ClassOf<T> = new () => T;

/**
 * Validates one concern's environment variables. Property names of the class are the
 * variable names, so every message names the variable that is wrong.
 */
export function parseEnv<T extends object>(cls: ClassOf<T>, env: NodeJS.ProcessEnv): T {
  const relevant: Record<string, unknown> = {};
  for (const key of Object.keys(new cls())) {
    if (env[key] !== undefined && env[key] !== '') relevant[key] = env[key];
  }
  const instance = plainToInstance(cls, relevant, { exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigurationError(describe(errors));
  return instance;
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
}

/** Runs every concern's parser and reports all bad variables at once. */
export function validateAll(env: NodeJS.ProcessEnv, parsers: Array<(env: NodeJS.ProcessEnv) => unknown>): void {
  const problems: string[] = [];
  for (const parse of parsers) {
    try {
      parse(env);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
}
