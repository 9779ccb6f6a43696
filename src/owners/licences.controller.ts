import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiProblems } from '../common/openapi';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { IssueLicenceUseCase } from './issue-licence.use-case';
import { IssueLicenceDto, LicenceDto, RevokeLicenceDto } from './licence.dto';
import { OWNER_READERS, OWNER_WRITERS } from './owners.roles';
import { OwnersQuery } from './owners.query';
import { RevokeLicenceUseCase } from './revoke-licence.use-case';
import { PersonalDataRead } from '../personal-data/personal-data-read.decorator';
import { OWNER_HOLDINGS } from '../personal-data/personal-data-reads';
import { Created } from '../common/location';

@ApiTags('licences')
@Controller()
export class LicencesController {
  constructor(
    private readonly issueLicence: IssueLicenceUseCase,
    private readonly revokeLicence: RevokeLicenceUseCase,
    private readonly owners: OwnersQuery,
  ) {}

  @Post('owners/:id/licences')
  @Created('/api/v1/owners/{ownerId}/licences')
  @Roles(...OWNER_WRITERS)
  @ApiOperation({
    summary: 'Issue a licence to an active owner',
    description:
      'Officers and supervisors within the owner\'s jurisdiction, and admins. Issues a licence (possession, carry, dealer, collector, security company) with its number, validity dates and the weapon types it covers; it starts `valid`. An inactive owner is 422 `OWNER_INACTIVE`; the same kind and number again 409 `DUPLICATE_LICENCE`; unknown owner 404. Audited.',
  })
  @ApiCreatedResponse({ type: LicenceDto })
  @ApiProblems(
    ErrorCode.ValidationFailed,
    ErrorCode.OutOfJurisdiction,
    ErrorCode.NotFound,
    ErrorCode.DuplicateLicence,
    ErrorCode.OwnerInactive,
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
}
