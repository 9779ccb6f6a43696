import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { HealthIndicatorResult, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import Redis from 'ioredis';
import { Public } from '../auth/auth.decorators';
import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';
import { ApiProblems } from '../common/openapi';
import { REDIS } from '../redis/redis.module';

const CHECK_TIMEOUT_MS = 1500;

class HealthDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', properties: { status: { type: 'string', enum: ['up', 'down'] } } },
    example: { database: { status: 'up' }, redis: { status: 'up' } },
  })
  checks: Record<string, { status: string }>;
}

/** Served at the root and under /api/v1, for probes that know either. */
@ApiTags('operations')
@Controller(['health', 'api/v1/health'])
@Public()
export class HealthController {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  @ApiOkResponse({ type: HealthDto })
  live(): HealthDto {
    return { status: 'ok', checks: {} };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Postgres and Redis answer; 503 when either does not' })
  @ApiOkResponse({ type: HealthDto })
  @ApiProblems(ErrorCode.ServiceUnavailable)
  async ready(): Promise<HealthDto> {
    const results: HealthIndicatorResult[] = await Promise.all([
      this.database.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
      this.indicators
        .check('redis')
        .attempt(async () => {
          const pong = await this.redis.ping();
          if (pong !== 'PONG') throw new Error(`unexpected reply ${pong}`);
        })
        .withTimeout(CHECK_TIMEOUT_MS),
    ]);
    const checks: Record<string, { status: string }> = {};
    for (const result of results) {
      for (const [key, value] of Object.entries(result)) checks[key] = { status: value.status };
    }
    const down = Object.keys(checks).filter((key) => checks[key].status !== 'up');
    if (down.length > 0) {
      throw new DomainError(ErrorCode.ServiceUnavailable, `Not ready: ${down.join(', ')} unavailable.`, {
        extensions: { checks },
      });
    }
    return { status: 'ok', checks };
  }
}
