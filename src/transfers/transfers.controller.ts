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
  @ApiOperation({
    summary: 'Record a change of holder (sale, donation, inheritance…) or an export',
    description:
      'Officers and supervisors within the weapon\'s jurisdiction, and admins. Moves the weapon from its holder to the recipient (or out of the country for `export`, which is final), given the weapon\'s `weaponVersion`; weapon, transfer and audit entry commit together. Honours `Idempotency-Key`. Refuses a sender who is not the holder (409 `HOLDER_MISMATCH`), a weapon not active (409 `WEAPON_NOT_TRANSFERABLE`), a stale version (409), an inactive or unlicensed recipient (422 `OWNER_INACTIVE`, `RECIPIENT_NOT_LICENSED`), the same owner twice (422 `SAME_OWNER`).',
  })
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
  @ApiOperation({
    summary: 'One transfer',
    description:
      'Officers, supervisors, police and admins. One transfer: weapon, sender, recipient, kind, date, document and who recorded it. Unknown id: 404.',
  })
  @ApiOkResponse({ type: TransferDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string): Promise<TransferDto> {
    return this.transfers.get(id);
  }

  @Get('weapons/:id/transfers')
  @Roles(...READERS)
  @ApiOperation({
    summary: "A weapon's transfers, oldest first",
    description:
      'Officers, supervisors, police and admins. The weapon\'s transfers oldest first, a page at a time.',
  })
  @ApiPageResponse(TransferDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  ofWeapon(@Param('id', uuidParam()) id: string, @Query() query: PageQuery): Promise<Page<TransferDto>> {
    return this.transfers.ofWeapon(id, query);
  }
}
