import { msg } from '../i18n/message';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { HealthIndicatorResult, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import Redis from 'ioredis';
import { Public } from '../auth/auth.decorators';
import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';
import { ApiProblems } from '../common/openapi';
import { QueueHealth, type QueueReport } from '../queue/queue-health.service';
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

class QueueJobsDto {
  @ApiProperty() waiting: number;
  @ApiProperty() active: number;
  @ApiProperty() delayed: number;
  @ApiProperty() failed: number;
}

class QueueOutboxDto {
  @ApiProperty({ description: 'Committed jobs not yet handed to Redis' }) pending: number;
  @ApiProperty({ nullable: true, type: Number }) oldestPendingSeconds: number | null;
}

class QueueReportDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ enum: ['running', 'off'], description: 'Whether this process runs queue workers (WORKERS=inline)' })
  workers: 'running' | 'off';
  @ApiPropertyOptional({ type: QueueJobsDto, description: 'Jobs by state over all queues' }) jobs?: QueueJobsDto;
  @ApiPropertyOptional({ type: QueueOutboxDto }) outbox?: QueueOutboxDto;
  @ApiPropertyOptional() error?: string;
}

class ReadyDto extends HealthDto {
  @ApiProperty({
    type: QueueReportDto,
    description: 'Informative: a queue backlog does not make the API unready; Redis being away does (see checks.redis)',
  })
  queue: QueueReportDto;
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
    private readonly queue: QueueHealth,
  ) {}

  @Get('live')
  @ApiOperation({
    summary: 'The process is up',
    description:
      'Public, for the orchestrator\'s liveness probe. Answers 200 while the process runs, without touching the database or Redis.',
  })
  @ApiOkResponse({ type: HealthDto })
  live(): HealthDto {
    return { status: 'ok', checks: {} };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Postgres and Redis answer; 503 when either does not. Also reports the queue.',
    description:
      'Public, for the orchestrator\'s readiness probe. Checks PostgreSQL and Redis and reports the queue (workers, waiting and overdue jobs); 503 with the same body when either dependency does not answer.',
  })
  @ApiOkResponse({ type: ReadyDto })
  @ApiProblems(ErrorCode.ServiceUnavailable)
  async ready(): Promise<ReadyDto> {
    const queue: Promise<QueueReport> = this.queue.report(CHECK_TIMEOUT_MS);
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
      throw new DomainError(ErrorCode.ServiceUnavailable, msg('problem.notReady', down), {
        extensions: { checks, queue: await queue },
      });
    }
    return { status: 'ok', checks, queue: await queue };
  }
}
