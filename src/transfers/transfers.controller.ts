import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/auth.decorators';
import { Role } from '../auth/role.enum';
import { ErrorCode } from '../common/error-code';
import { idempotencyKey } from '../common/idempotency.service';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import { type Page, PageQuery } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { RecordTransferUseCase } from './record-transfer.use-case';
import { RecordTransferDto, TransferDto } from './transfer.dto';
import { TransfersQuery } from './transfers.query';

const READERS = [Role.Admin, Role.Officer, Role.Supervisor, Role.Police];

@ApiTags('transfers')
@Controller()
export class TransfersController {
  constructor(
    private readonly record: RecordTransferUseCase,
    private readonly transfers: TransfersQuery,
  ) {}

  @Post('transfers')
  @Roles(Role.Admin, Role.Officer, Role.Supervisor)
  @ApiOperation({ summary: 'Record a change of holder (sale, donation, inheritance…) or an export' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replays the first response for 24 h' })
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
  async create(
    @Body() body: RecordTransferDto,
    @Ctx() context: RequestContext,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TransferDto> {
    const result = await this.record.execute(body, context, idempotencyKey(key));
    void reply.status(result.status);
    if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
    return result.body;
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
