import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { Created } from '../common/location';
import { ApiProblems } from '../common/openapi';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { PersonalDataRead } from '../personal-data/personal-data-read.decorator';
import { OWNER_HOLDINGS } from '../personal-data/personal-data-reads';
import { IssueProhibitionUseCase } from './issue-prohibition.use-case';
import { LiftProhibitionUseCase } from './lift-prohibition.use-case';
import { IssueProhibitionDto, LiftProhibitionDto, ProhibitionDto, ProhibitionOutcomeDto } from './prohibition.dto';
import { PROHIBITION_KEEPERS } from './prohibitions.roles';
import { ProhibitionsQuery } from './prohibitions.query';

@ApiTags('prohibitions')
@Controller()
export class ProhibitionsController {
  constructor(
    private readonly issueProhibition: IssueProhibitionUseCase,
    private readonly liftProhibition: LiftProhibitionUseCase,
    private readonly prohibitions: ProhibitionsQuery,
  ) {}

  @Post('owners/:id/prohibitions')
  @Created('/api/v1/owners/{ownerId}/prohibitions')
  @Roles(...PROHIBITION_KEEPERS)
  @ApiOperation({
    summary: 'Record a court prohibition against an owner',
    description:
      'In one transaction: the owner becomes `prohibited`, every licence in force is suspended naming the order (until the prohibition is lifted), and every weapon the owner has in hand raises an open alert of source `surrender_required` (details.kind SURRENDER_REQUIRED). Supervisors and admins, nationwide.',
  })
  @ApiCreatedResponse({ type: ProhibitionOutcomeDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound, ErrorCode.InvalidStatusTransition)
  issue(
    @Param('id', uuidParam()) ownerId: string,
    @Body() body: IssueProhibitionDto,
    @Ctx() context: RequestContext,
  ): Promise<ProhibitionOutcomeDto> {
    return this.issueProhibition.execute(ownerId, body, context);
  }

  @Post('prohibitions/:id/lift')
  @HttpCode(HttpStatus.OK)
  @Roles(...PROHIBITION_KEEPERS)
  @ApiOperation({
    summary: 'Lift a court prohibition',
    description:
      'The licences this prohibition suspended are reinstated (other suspensions stay), the owner is active again unless another prohibition is still active, and its open surrender alerts are acknowledged by whoever lifts it.',
  })
  @ApiOkResponse({ type: ProhibitionOutcomeDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound, ErrorCode.ProhibitionAlreadyLifted)
  lift(
    @Param('id', uuidParam()) id: string,
    @Body() body: LiftProhibitionDto,
    @Ctx() context: RequestContext,
  ): Promise<ProhibitionOutcomeDto> {
    return this.liftProhibition.execute(id, body, context);
  }

  @Get('owners/:id/prohibitions')
  @Roles(...PROHIBITION_KEEPERS)
  @PersonalDataRead(OWNER_HOLDINGS)
  @ApiOperation({ summary: "An owner's court prohibitions, newest first", description: 'Personal data: the read is audited in the owner’s access log.' })
  @ApiOkResponse({ type: [ProhibitionDto] })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  list(@Param('id', uuidParam()) ownerId: string): Promise<ProhibitionDto[]> {
    return this.prohibitions.of(ownerId);
  }
}
