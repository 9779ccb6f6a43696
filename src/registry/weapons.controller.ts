import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
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
import { CorrectionDto, ProposeCorrectionDto } from './correction.dto';
import { ProposeCorrectionUseCase } from './propose-correction.use-case';
import { RecordWeaponEventUseCase } from './record-weapon-event.use-case';
import { RegisterWeaponUseCase } from './register-weapon.use-case';
import { UpdateWeaponUseCase } from './update-weapon.use-case';
import { RecordWeaponEventDto, WeaponEventDto } from './weapon-event.dto';
import { WeaponDto, WeaponQuery } from './weapon.dto';
import { RegisterWeaponDto, UpdateWeaponDto } from './register-weapon.dto';
import { WeaponsQuery } from './weapons.query';
import { PersonalDataRead } from '../personal-data/personal-data-read.decorator';
import { OWNER_HOLDINGS } from '../personal-data/personal-data-reads';
import { Created } from '../common/location';

const WRITERS = [Role.Admin, Role.Officer, Role.Supervisor];
const READERS = [Role.Admin, Role.Officer, Role.Supervisor, Role.Police];

@ApiTags('weapons')
@Controller('weapons')
export class WeaponsController {
  constructor(
    private readonly register: RegisterWeaponUseCase,
    private readonly update: UpdateWeaponUseCase,
    private readonly recordEvent: RecordWeaponEventUseCase,
    private readonly proposeCorrection: ProposeCorrectionUseCase,
    private readonly weapons: WeaponsQuery,
  ) {}

  @Post()
  @Created('/api/v1/weapons/{id}')
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Register a weapon to its holder',
    description:
      'Officers and supervisors within the holder\'s jurisdiction, and admins. Registers a weapon with its marking, make, model, type, calibre, acquisition and holder; it gets a registry number (`PA-2026-0000123`) and starts `active`. Honours `Idempotency-Key`. Refuses a marking already registered (409 `DUPLICATE_MARKING`) or belonging to a weapon reported lost or stolen (409 `MARKING_REPORTED_STOLEN`, audited as an alert), an inactive or unlicensed holder (422 `OWNER_INACTIVE`, `HOLDER_NOT_LICENSED`), an unknown holder (404), a holder outside the jurisdiction (403).',
  })
  @Idempotent()
  @ApiCreatedResponse({ type: WeaponDto, description: 'Registered; a replay carries `Idempotent-Replayed: true`' })
  @ApiProblems(
    ErrorCode.ValidationFailed,
    ErrorCode.NotFound,
    ErrorCode.OutOfJurisdiction,
    ErrorCode.DuplicateMarking,
    ErrorCode.MarkingReportedStolen,
    ErrorCode.IdempotencyInProgress,
    ErrorCode.OwnerInactive,
    ErrorCode.HolderNotLicensed,
    ErrorCode.IdempotencyKeyReused,
  )
  create(
    @Body() body: RegisterWeaponDto,
    @Ctx() context: RequestContext,
    @IdempotencyKey() idempotency: IdempotentRequest | null,
  ): Promise<IdempotentResult<WeaponDto>> {
    return this.register.execute(body, context, idempotency);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Search weapons; filters are combined',
    description:
      'Officers, supervisors, police and admins. Weapons matching every given filter (folded serial, make, calibre, type, status, holder, district), a page at a time. A malformed filter or cursor: 400.',
  })
  @ApiPageResponse(WeaponDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  list(@Query() query: WeaponQuery): Promise<Page<WeaponDto>> {
    return this.weapons.list(query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'One weapon',
    description:
      'Officers, supervisors, police and admins. One weapon with its marking, status, holder, district and version. Unknown id: 404.',
  })
  @ApiOkResponse({ type: WeaponDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string): Promise<WeaponDto> {
    return this.weapons.get(id);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Correct descriptive fields (model, markings, year, import marking, ballistics)',
    description:
      'Officers and supervisors within the holder\'s jurisdiction, and admins. Changes descriptive fields (model, other markings, year, import marking, ballistic test) with a reason, given the current `version` (409 `STALE_VERSION`); identifying fields change only through a correction. Audited.',
  })
  @ApiOkResponse({ type: WeaponDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound, ErrorCode.OutOfJurisdiction, ErrorCode.StaleVersion)
  patch(@Param('id', uuidParam()) id: string, @Body() body: UpdateWeaponDto, @Ctx() context: RequestContext): Promise<WeaponDto> {
    return this.update.execute(id, body, context);
  }

  @Post(':id/events')
  @Created('/api/v1/weapons/{weaponId}')
  @Roles(Role.Admin, Role.Officer, Role.Supervisor, Role.Police)
  @ApiOperation({
    summary: 'Report an event (lost, stolen, seized, recovered, returned, surrendered, destroyed, deactivated)',
    description:
      'Who may depends on the kind: lost/stolen by officers, supervisors, police, admins; seized/recovered/returned by police and admins; surrendered/destroyed/deactivated by officers, supervisors, admins; custody_transferred/forfeited by all four (others: 403). Moves the status as the contract\'s table says, given the current `version`; any other move is 409 `INVALID_STATUS_TRANSITION`. A return needs the holder still licensed (422). Audited.',
  })
  @ApiCreatedResponse({ type: WeaponEventDto })
  @ApiProblems(
    ErrorCode.ValidationFailed,
    ErrorCode.NotFound,
    ErrorCode.OutOfJurisdiction,
    ErrorCode.StaleVersion,
    ErrorCode.InvalidStatusTransition,
    ErrorCode.OwnerInactive,
    ErrorCode.HolderNotLicensed,
  )
  event(
    @Param('id', uuidParam()) id: string,
    @Body() body: RecordWeaponEventDto,
    @Ctx() context: RequestContext,
  ): Promise<WeaponEventDto> {
    return this.recordEvent.execute(id, body, context);
  }

  @Post(':id/corrections')
  @Created('/api/v1/corrections/{id}')
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Propose a change of identifying fields, to be approved by a second person',
    description:
      'Officers and supervisors within the holder\'s jurisdiction, and admins. Proposes new values for identifying fields (make, serial, type, calibre, country of manufacture) with a reason; the weapon stays unchanged until a supervisor or admin other than the proposer approves. Unknown weapon: 404.',
  })
  @ApiCreatedResponse({ type: CorrectionDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound, ErrorCode.OutOfJurisdiction)
  correct(
    @Param('id', uuidParam()) id: string,
    @Body() body: ProposeCorrectionDto,
    @Ctx() context: RequestContext,
  ): Promise<CorrectionDto> {
    return this.proposeCorrection.execute(id, body, context);
  }
}

@ApiTags('owners')
@Controller('owners')
export class HolderWeaponsController {
  constructor(private readonly weapons: WeaponsQuery) {}

  @Get(':id/weapons')
  @Roles(...READERS)
  @PersonalDataRead(OWNER_HOLDINGS)
  @ApiOperation({
    summary: 'The weapons the owner holds now',
    description:
      'Officers, supervisors, police and admins; police must give `X-Access-Purpose`. The weapons the owner holds now, a page at a time.',
  })
  @ApiPageResponse(WeaponDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  held(@Param('id', uuidParam()) id: string, @Query() query: PageQuery): Promise<Page<WeaponDto>> {
    return this.weapons.heldBy(id, query);
  }
}
