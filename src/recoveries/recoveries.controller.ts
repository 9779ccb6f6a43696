import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import type { Page } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { Idempotent, IdempotencyKey } from '../idempotency/idempotent.decorator';
import type { IdempotentRequest, IdempotentResult } from '../idempotency/idempotency.service';
import { RecoveriesQuery } from './recoveries.query';
import { RecordRecoveryUseCase } from './record-recovery.use-case';
import { RECOVERY_READERS, RECOVERY_WRITERS } from './recovery-kinds';
import { CreateRecoveryDto, RecoveryDto, RecoveryQuery } from './recovery.dto';
import { Created } from '../common/location';

@ApiTags('recoveries')
@Controller('recoveries')
export class RecoveriesController {
  constructor(
    private readonly record: RecordRecoveryUseCase,
    private readonly recoveries: RecoveriesQuery,
  ) {}

  @Post()
  @Created('/api/v1/recoveries/{id}')
  @Roles(...RECOVERY_WRITERS)
  @ApiOperation({
    summary: 'Record weapons seized, found, surrendered or handed in under an amnesty (seized/found: police, admin; surrendered/amnesty: officer, supervisor, admin)',
    description:
      'Matches each item against the registry by canonical make and folded serial: a match moves the registered weapon to `seized` or `in_state_custody` with an event naming the recovery; an unmatched item becomes a new weapon with no holder. Every item gets a queued trace request. `anonymous` only for `amnesty`. Honours `Idempotency-Key`. Refuses a district outside the jurisdiction (403), an unknown surrendering owner (404), an impossible status move (409). Audited.',
  })
  @Idempotent()
  @ApiCreatedResponse({ type: RecoveryDto, description: 'Recorded; a replay carries `Idempotent-Replayed: true`' })
  @ApiProblems(
    ErrorCode.ValidationFailed,
    ErrorCode.NotFound,
    ErrorCode.OutOfJurisdiction,
    ErrorCode.InvalidStatusTransition,
    ErrorCode.DuplicateMarking,
    ErrorCode.IdempotencyInProgress,
    ErrorCode.IdempotencyKeyReused,
  )
  create(
    @Body() body: CreateRecoveryDto,
    @Ctx() context: RequestContext,
    @IdempotencyKey() idempotency: IdempotentRequest | null,
  ): Promise<IdempotentResult<RecoveryDto>> {
    return this.record.execute(body, context, idempotency);
  }

  @Get()
  @Roles(...RECOVERY_READERS)
  @ApiOperation({
    summary: 'Recoveries, newest first; filters are combined',
    description:
      'Officers, supervisors, police and admins. Recoveries newest first, filtered by date range, kind, district and case number, a page at a time.',
  })
  @ApiPageResponse(RecoveryDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  list(@Query() query: RecoveryQuery, @Ctx() context: RequestContext): Promise<Page<RecoveryDto>> {
    return this.recoveries.list(query, context.principal!);
  }

  @Get(':id')
  @Roles(...RECOVERY_READERS)
  @ApiOperation({
    summary: 'One recovery with its items, their weapons and trace requests',
    description:
      'Officers, supervisors, police and admins. One recovery with its items, the weapon each matched or created, and each item\'s trace request. Unknown id: 404.',
  })
  @ApiOkResponse({ type: RecoveryDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound, ErrorCode.OutOfJurisdiction)
  get(@Param('id', uuidParam()) id: string, @Ctx() context: RequestContext): Promise<RecoveryDto> {
    return this.recoveries.get(id, context.principal!);
  }
}
