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
  @ApiOperation({ summary: 'Recoveries, newest first; filters are combined' })
  @ApiPageResponse(RecoveryDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  list(@Query() query: RecoveryQuery, @Ctx() context: RequestContext): Promise<Page<RecoveryDto>> {
    return this.recoveries.list(query, context.principal!);
  }

  @Get(':id')
  @Roles(...RECOVERY_READERS)
  @ApiOperation({ summary: 'One recovery with its items, their weapons and trace requests' })
  @ApiOkResponse({ type: RecoveryDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound, ErrorCode.OutOfJurisdiction)
  get(@Param('id', uuidParam()) id: string, @Ctx() context: RequestContext): Promise<RecoveryDto> {
    return this.recoveries.get(id, context.principal!);
  }
}
