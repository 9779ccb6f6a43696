import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import { type Page } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { ChangeOwnerStatusUseCase } from './change-owner-status.use-case';
import { CreateOwnerUseCase } from './create-owner.use-case';
import { ChangeOwnerStatusDto, CreateOwnerDto, OwnerDto, OwnerSearchQuery, UpdateOwnerDto } from './owner.dto';
import { OWNER_READERS, OWNER_WRITERS } from './owners.roles';
import { OwnersQuery } from './owners.query';
import { UpdateOwnerUseCase } from './update-owner.use-case';
import { PersonalDataRead } from '../personal-data/personal-data-read.decorator';
import { OWNER_SEARCH, OWNER_VIEW } from '../personal-data/personal-data-reads';
import { Created } from '../common/location';

@ApiTags('owners')
@Controller('owners')
export class OwnersController {
  constructor(
    private readonly createOwner: CreateOwnerUseCase,
    private readonly updateOwner: UpdateOwnerUseCase,
    private readonly changeStatus: ChangeOwnerStatusUseCase,
    private readonly owners: OwnersQuery,
  ) {}

  @Post()
  @Created('/api/v1/owners/{id}')
  @Roles(...OWNER_WRITERS)
  @ApiOperation({
    summary: 'Register an owner (a person of 18 or more, or an organization)',
    description:
      'Officers and supervisors within their jurisdiction, and admins. Registers a person or an organization with its identity document (a cédula is checked against Panama\'s formats), address district, contact details; the owner starts `active`. Refuses a district outside the caller\'s jurisdiction with 403 `OUT_OF_JURISDICTION`, a person under 18 today with 422 `OWNER_UNDER_AGE`, and a document already registered with 409 `DUPLICATE_OWNER` (the existing id in `detail`). Audited.',
  })
  @ApiCreatedResponse({ type: OwnerDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.OutOfJurisdiction, ErrorCode.DuplicateOwner, ErrorCode.OwnerUnderAge)
  create(@Body() body: CreateOwnerDto, @Ctx() context: RequestContext): Promise<OwnerDto> {
    return this.createOwner.execute(body, context);
  }

  @Get()
  @Roles(...OWNER_READERS)
  @PersonalDataRead(OWNER_SEARCH)
  @ApiOperation({
    summary: 'Search owners by document number, name (ignoring case and accents) or district, by name',
    description:
      'Officers, supervisors, police and admins; police must give `X-Access-Purpose` (400 `PURPOSE_REQUIRED`). Finds owners by document number, name (ignoring case and accents) or district, ordered by name; the read and its terms are written to each owner\'s access log.',
  })
  @ApiPageResponse(OwnerDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  search(@Query() query: OwnerSearchQuery): Promise<Page<OwnerDto>> {
    return this.owners.search(query);
  }

  @Get(':id')
  @Roles(...OWNER_READERS)
  @PersonalDataRead(OWNER_VIEW)
  @ApiOperation({
    summary: 'One owner',
    description:
      'Officers, supervisors, police and admins; police must give `X-Access-Purpose` (400 `PURPOSE_REQUIRED`). One owner with identity, address, contact details, status and version; the read is written to the owner\'s access log. Unknown id: 404.',
  })
  @ApiOkResponse({ type: OwnerDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string): Promise<OwnerDto> {
    return this.owners.get(id);
  }

  @Patch(':id')
  @Roles(...OWNER_WRITERS)
  @ApiOperation({
    summary: "Change an owner's name, birth date, nationality, address or contact details",
    description:
      'Officers and supervisors within their jurisdiction (both the old and the new district), and admins. Changes descriptive fields given the current `version` (409 `STALE_VERSION`); a move of district moves the owner\'s weapons with them in the same transaction. 403 `OUT_OF_JURISDICTION`, 422 `OWNER_UNDER_AGE`, 404 for an unknown owner. Audited.',
  })
  @ApiOkResponse({ type: OwnerDto })
  @ApiProblems(
    ErrorCode.ValidationFailed,
    ErrorCode.OutOfJurisdiction,
    ErrorCode.NotFound,
    ErrorCode.StaleVersion,
    ErrorCode.OwnerUnderAge,
  )
  update(
    @Param('id', uuidParam()) id: string,
    @Body() body: UpdateOwnerDto,
    @Ctx() context: RequestContext,
  ): Promise<OwnerDto> {
    return this.updateOwner.execute(id, body, context);
  }

  @Post(':id/status')
  @HttpCode(HttpStatus.OK)
  @Roles(...OWNER_WRITERS)
  @ApiOperation({
    summary: 'Activate, suspend or prohibit an owner, or record their death (final)',
    description:
      'Officers and supervisors within their jurisdiction, and admins. Moves the owner to `active`, `suspended`, `prohibited` or `deceased` (final) with a reason, given the current `version`. A move from `deceased` is 409 `INVALID_STATUS_TRANSITION`; a stale version 409 `STALE_VERSION`; outside the jurisdiction 403. Audited.',
  })
  @ApiOkResponse({ type: OwnerDto })
  @ApiProblems(
    ErrorCode.ValidationFailed,
    ErrorCode.OutOfJurisdiction,
    ErrorCode.NotFound,
    ErrorCode.StaleVersion,
    ErrorCode.InvalidStatusTransition,
  )
  changeOwnerStatus(
    @Param('id', uuidParam()) id: string,
    @Body() body: ChangeOwnerStatusDto,
    @Ctx() context: RequestContext,
  ): Promise<OwnerDto> {
    return this.changeStatus.execute(id, body, context);
  }
}
