import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { parseEnv } from './env';

class CertificatesEnv {
  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'CERTIFICATE_VALIDITY_YEARS must be a whole number of years' })
  @Min(1)
  @Max(20)
  CERTIFICATE_VALIDITY_YEARS = 4;
}

export interface CertificatesConfig {
  /** A holding certificate expires this many years after it is issued (API.md, default 4). */
  validityYears: number;
}

export function parseCertificatesConfig(env: NodeJS.ProcessEnv): CertificatesConfig {
  return { validityYears: parseEnv(CertificatesEnv, env).CERTIFICATE_VALIDITY_YEARS };
}

export const certificatesConfig = registerAs('certificates', () => parseCertificatesConfig(process.env));
