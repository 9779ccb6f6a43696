import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { parseEnv } from './env';

const pem = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.replace(/\\n/g, '\n') : value;

class AuthEnv {
  @IsOptional()
  @Transform(pem)
  @Matches(/-----BEGIN PRIVATE KEY-----/, { message: 'JWT_PRIVATE_KEY must be a PKCS#8 PEM private key (P-256)' })
  JWT_PRIVATE_KEY?: string = undefined;

  @IsString()
  JWT_ISSUER = 'pa-firearms-registry';

  @IsString()
  JWT_AUDIENCE = 'pa-firearms-registry-api';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  @Max(86_400)
  ACCESS_TOKEN_TTL = 900;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(300)
  @Max(90 * 86_400)
  REFRESH_TOKEN_TTL = 7 * 86_400;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 10;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW = 900;

  /** Seconds after a login when its refresh tokens stop working, however often they were rotated. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  @Max(30 * 86_400)
  SESSION_MAX_AGE = 12 * 3600;
}

export interface AuthConfig {
  /** PEM of the ES256 signing key; absent outside production means "use the development key". */
  jwtPrivateKey?: string;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  loginMaxFailures: number;
  loginFailureWindowSeconds: number;
  sessionMaxAgeSeconds: number;
}

export function parseAuthConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const parsed = parseEnv(AuthEnv, env);
  return {
    jwtPrivateKey: parsed.JWT_PRIVATE_KEY,
    issuer: parsed.JWT_ISSUER,
    audience: parsed.JWT_AUDIENCE,
    accessTokenTtlSeconds: parsed.ACCESS_TOKEN_TTL,
    refreshTokenTtlSeconds: parsed.REFRESH_TOKEN_TTL,
    loginMaxFailures: parsed.LOGIN_MAX_FAILURES,
    loginFailureWindowSeconds: parsed.LOGIN_FAILURE_WINDOW,
    sessionMaxAgeSeconds: parsed.SESSION_MAX_AGE,
  };
}

export const authConfig = registerAs('auth', () => parseAuthConfig(process.env));
