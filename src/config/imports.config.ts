import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { parseEnv } from './env';

class ImportsEnv {
  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'IMPORT_MAX_BYTES must be a whole number of bytes' })
  @Min(1024)
  @Max(1_073_741_824)
  IMPORT_MAX_BYTES = 67_108_864;

  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'IMPORT_BATCH_SIZE must be a whole number of rows' })
  @Min(1)
  @Max(10_000)
  IMPORT_BATCH_SIZE = 2000;
}

export interface ImportsConfig {
  /** The largest CSV body POST /imports accepts; every other route keeps the 1 MiB JSON limit. */
  maxBytes: number;
  /** Rows landed per transaction by the import job; progress becomes visible batch by batch. */
  batchSize: number;
}

export function parseImportsConfig(env: NodeJS.ProcessEnv): ImportsConfig {
  const parsed = parseEnv(ImportsEnv, env);
  return { maxBytes: parsed.IMPORT_MAX_BYTES, batchSize: parsed.IMPORT_BATCH_SIZE };
}

export const importsConfig = registerAs('imports', () => parseImportsConfig(process.env));
