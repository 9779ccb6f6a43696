import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { Role } from '../auth/role.enum';
import { ErrorCode } from '../common/error-code';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import { type Page, PageQuery } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { Idempotent, IdempotencyKey } from '../idempotency/idempotent.decorator';
import type { IdempotentRequest, IdempotentResult } from '../idempotency/idempotency.service';
import { RecordTransferUseCase } from './record-transfer.use-case';
import { RecordTransferDto, TransferDto } from './transfer.dto';
import { TransfersQuery } from './transfers.query';
import { Created } from '../common/location';

const READERS = [Role.Admin, Role.Officer, Role.Supervisor, Role.Police];

@ApiTags('transfers')
@Controller()
export class TransfersController {
  constructor(
    private readonly record: RecordTransferUseCase,
    private readonly transfers: TransfersQuery,
  ) {}

  @Post('transfers')
  @Created('/api/v1/transfers/{id}')
  @Roles(Role.Admin, Role.Officer, Role.Supervisor)
  @ApiOperation({ summary: 'Record a change of holder (sale, donation, inheritance…) or an export' })
  @Idempotent()
  @ApiCreatedResponse({ type: TransferDto, description: 'Recorded; a replay carries `Idempotent-Replayed: true`' })
  @ApiProblems(
    ErrorCode.ValidationFailed,
    ErrorCode.NotFound,
    ErrorCode.OutOfJurisdiction,
    ErrorCode.StaleVersion,
    ErrorCode.HolderMismatch,
    ErrorCode.WeaponNotTransferable,
    ErrorCode.IdempotencyInProgress,
    ErrorCode.SameOwner,
    ErrorCode.OwnerInactive,
    ErrorCode.RecipientNotLicensed,
    ErrorCode.IdempotencyKeyReused,
  )
  create(
    @Body() body: RecordTransferDto,
    @Ctx() context: RequestContext,
    @IdempotencyKey() idempotency: IdempotentRequest | null,
  ): Promise<IdempotentResult<TransferDto>> {
    return this.record.execute(body, context, idempotency);
  }

  @Get('transfers/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One transfer' })
  @ApiOkResponse({ type: TransferDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string): Promise<TransferDto> {
    return this.transfers.get(id);
  }

  @Get('weapons/:id/transfers')
  @Roles(...READERS)
  @ApiOperation({ summary: "A weapon's transfers, oldest first" })
  @ApiPageResponse(TransferDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  ofWeapon(@Param('id', uuidParam()) id: string, @Query() query: PageQuery): Promise<Page<TransferDto>> {
    return this.transfers.ofWeapon(id, query);
  }
}
