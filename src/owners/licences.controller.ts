import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiProblems } from '../common/openapi';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { EvidenceDto, RecordEvidenceDto } from './evidence.dto';
import { EvidenceQuery } from './evidence.query';
import { IssueLicenceUseCase } from './issue-licence.use-case';
import { IssueLicenceDto, LicenceDto, ReinstateLicenceDto, RenewLicenceDto, RevokeLicenceDto, SuspendLicenceDto } from './licence.dto';
import { LICENCE_KEEPERS, OWNER_READERS, OWNER_WRITERS } from './owners.roles';
import { OwnersQuery } from './owners.query';
import { RecordEvidenceUseCase } from './record-evidence.use-case';
import { ReinstateLicenceUseCase } from './reinstate-licence.use-case';
import { RenewLicenceUseCase } from './renew-licence.use-case';
import { RevokeLicenceUseCase } from './revoke-licence.use-case';
import { SuspendLicenceUseCase } from './suspend-licence.use-case';
import { PersonalDataRead } from '../personal-data/personal-data-read.decorator';
import { LICENCE_VIEW, OWNER_HOLDINGS } from '../personal-data/personal-data-reads';
import { Created } from '../common/location';

@ApiTags('licences')
@Controller()
export class LicencesController {
  constructor(
    private readonly issueLicence: IssueLicenceUseCase,
    private readonly revokeLicence: RevokeLicenceUseCase,
    private readonly suspendLicence: SuspendLicenceUseCase,
    private readonly reinstateLicence: ReinstateLicenceUseCase,
    private readonly renewLicence: RenewLicenceUseCase,
    private readonly recordEvidence: RecordEvidenceUseCase,
    private readonly evidence: EvidenceQuery,
    private readonly owners: OwnersQuery,
  ) {}

  @Post('owners/:id/licences')
  @Created('/api/v1/licences/{id}')
  @Roles(...OWNER_WRITERS)
  @ApiOperation({
    summary: 'Issue a licence to an active owner',
    description:
      'Officers and supervisors within the owner\'s jurisdiction, and admins. Issues a licence (possession, carry, dealer, collector, security company) with its number, validity dates and the weapon types it covers; it starts `valid`. An inactive owner is 422 `OWNER_INACTIVE`; the same kind and number again 409 `DUPLICATE_LICENCE`; unknown owner 404. Audited. A carry licence needs a psychological evaluation, a drug test and a criminal-record certificate in force on issuedAt (422 EVIDENCE_MISSING names the missing kinds in `missingEvidence`).',
  })
  @ApiCreatedResponse({ type: LicenceDto })
  @ApiProblems(
    ErrorCode.ValidationFailed,
    ErrorCode.OutOfJurisdiction,
    ErrorCode.NotFound,
    ErrorCode.DuplicateLicence,
    ErrorCode.OwnerInactive,
    ErrorCode.EvidenceMissing,
  )
  issue(
    @Param('id', uuidParam()) ownerId: string,
    @Body() body: IssueLicenceDto,
    @Ctx() context: RequestContext,
  ): Promise<LicenceDto> {
    return this.issueLicence.execute(ownerId, body, context);
  }

  @Get('owners/:id/licences')
  @Roles(...OWNER_READERS)
  @PersonalDataRead(OWNER_HOLDINGS)
  @ApiOperation({
    summary: "An owner's licences, newest issue first",
    description:
      'Officers, supervisors, police and admins; police must give `X-Access-Purpose`. The owner\'s licences, newest issue first, with their status. Unknown owner: 404.',
  })
  @ApiOkResponse({ type: [LicenceDto] })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  list(@Param('id', uuidParam()) ownerId: string): Promise<LicenceDto[]> {
    return this.owners.licencesOf(ownerId);
  }

  @Get('licences/:id')
  @Roles(...OWNER_READERS)
  @PersonalDataRead(LICENCE_VIEW)
  @ApiOperation({
    summary: 'One licence',
    description:
      "Officers, supervisors, police and admins; police must give `X-Access-Purpose`, and the read is in the owner's access log. The licence with its status as of today (valid, suspended, revoked, expired). Unknown licence: 404.",
  })
  @ApiOkResponse({ type: LicenceDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string): Promise<LicenceDto> {
    return this.owners.licence(id);
  }

  @Post('licences/:id/revoke')
  @HttpCode(HttpStatus.OK)
  @Roles(...OWNER_WRITERS)
  @ApiOperation({
    summary: 'Revoke a licence (final)',
    description:
      'Officers and supervisors within the holder\'s jurisdiction, and admins. Revokes the licence with a reason; it no longer covers any weapon from that moment. A licence already revoked is 409 `LICENCE_ALREADY_REVOKED`; unknown licence 404. Audited.',
  })
  @ApiOkResponse({ type: LicenceDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.OutOfJurisdiction, ErrorCode.NotFound, ErrorCode.LicenceAlreadyRevoked)
  revoke(
    @Param('id', uuidParam()) id: string,
    @Body() body: RevokeLicenceDto,
    @Ctx() context: RequestContext,
  ): Promise<LicenceDto> {
    return this.revokeLicence.execute(id, body, context);
  }

  @Post('licences/:id/suspend')
  @HttpCode(HttpStatus.OK)
  @Roles(...LICENCE_KEEPERS)
  @ApiOperation({
    summary: 'Suspend a licence',
    description:
      'The licence is in force on no day while the suspension holds: registrations, transfers and imports to its holder are refused, and reconciliation counts the holder unlicensed. With `until` the suspension ends by itself after that day (Panama time); without it, it lasts until reinstated.',
  })
  @ApiOkResponse({ type: LicenceDto })
  @ApiProblems(
    ErrorCode.ValidationFailed,
    ErrorCode.OutOfJurisdiction,
    ErrorCode.NotFound,
    ErrorCode.LicenceAlreadyRevoked,
    ErrorCode.LicenceAlreadySuspended,
  )
  suspend(
    @Param('id', uuidParam()) id: string,
    @Body() body: SuspendLicenceDto,
    @Ctx() context: RequestContext,
  ): Promise<LicenceDto> {
    return this.suspendLicence.execute(id, body, context);
  }

  @Post('licences/:id/reinstate')
  @HttpCode(HttpStatus.OK)
  @Roles(...LICENCE_KEEPERS)
  @ApiOperation({
    summary: 'Reinstate a suspended licence',
    description: 'Only while the suspension holds, and only for an active holder (a prohibited holder gets the licence back when the prohibition is lifted).',
  })
  @ApiOkResponse({ type: LicenceDto })
  @ApiProblems(
    ErrorCode.ValidationFailed,
    ErrorCode.OutOfJurisdiction,
    ErrorCode.NotFound,
    ErrorCode.LicenceAlreadyRevoked,
    ErrorCode.LicenceNotSuspended,
    ErrorCode.OwnerInactive,
  )
  reinstate(
    @Param('id', uuidParam()) id: string,
    @Body() body: ReinstateLicenceDto,
    @Ctx() context: RequestContext,
  ): Promise<LicenceDto> {
    return this.reinstateLicence.execute(id, body, context);
  }

  @Post('licences/:id/renew')
  @HttpCode(HttpStatus.OK)
  @Roles(...LICENCE_KEEPERS)
  @ApiOperation({
    summary: 'Renew a licence to a new last day',
    description:
      'Keeps the number and issue day. An expired licence may be renewed; a revoked one may not (409). The new expiresAt must be after the current one and not in the past (400). A carry licence needs its evidence in force today (422 EVIDENCE_MISSING).',
  })
  @ApiOkResponse({ type: LicenceDto })
  @ApiProblems(
    ErrorCode.ValidationFailed,
    ErrorCode.OutOfJurisdiction,
    ErrorCode.NotFound,
    ErrorCode.LicenceAlreadyRevoked,
    ErrorCode.OwnerInactive,
    ErrorCode.EvidenceMissing,
  )
  renew(
    @Param('id', uuidParam()) id: string,
    @Body() body: RenewLicenceDto,
    @Ctx() context: RequestContext,
  ): Promise<LicenceDto> {
    return this.renewLicence.execute(id, body, context);
  }

  @Post('owners/:id/evidence')
  @Created('/api/v1/owners/{ownerId}/evidence')
  @Roles(...LICENCE_KEEPERS)
  @ApiOperation({
    summary: 'Record a piece of evidence behind a licence',
    description: 'A psychological evaluation, drug test, criminal-record certificate, shooting test or training, in force from issuedAt to validUntil.',
  })
  @ApiCreatedResponse({ type: EvidenceDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.OutOfJurisdiction, ErrorCode.NotFound)
  addEvidence(
    @Param('id', uuidParam()) ownerId: string,
    @Body() body: RecordEvidenceDto,
    @Ctx() context: RequestContext,
  ): Promise<EvidenceDto> {
    return this.recordEvidence.execute(ownerId, body, context);
  }

  @Get('owners/:id/evidence')
  @Roles(...LICENCE_KEEPERS)
  @PersonalDataRead(OWNER_HOLDINGS)
  @ApiOperation({ summary: "An owner's evidence, newest issue first", description: 'Personal data: the read is audited in the owner’s access log.' })
  @ApiOkResponse({ type: [EvidenceDto] })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.OutOfJurisdiction, ErrorCode.NotFound)
  listEvidence(@Param('id', uuidParam()) ownerId: string, @Ctx() context: RequestContext): Promise<EvidenceDto[]> {
    return this.evidence.evidenceOf(ownerId, context.principal);
  }
}
