import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { Role } from '../auth/role.enum';
import { ErrorCode } from '../common/error-code';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import type { Page } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { ApproveCorrectionUseCase } from './approve-correction.use-case';
import { CorrectionDto, CorrectionQuery, RejectCorrectionDto } from './correction.dto';
import { RejectCorrectionUseCase } from './reject-correction.use-case';
import { WeaponsQuery } from './weapons.query';

@ApiTags('weapons')
@Controller('corrections')
export class CorrectionsController {
  constructor(
    private readonly approve: ApproveCorrectionUseCase,
    private readonly reject: RejectCorrectionUseCase,
    private readonly weapons: WeaponsQuery,
  ) {}

  @Get()
  @Roles(Role.Admin, Role.Officer, Role.Supervisor)
  @ApiOperation({
    summary: 'Corrections, oldest first; `?status=pending` for the approval queue',
    description:
      'Officers, supervisors and admins. Corrections oldest first, with the proposed and previous values; `status=pending` is the approval queue.',
  })
  @ApiPageResponse(CorrectionDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  list(@Query() query: CorrectionQuery): Promise<Page<CorrectionDto>> {
    return this.weapons.corrections(query);
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Officer, Role.Supervisor)
  @ApiOperation({
    summary: 'One correction',
    description: 'Officers, supervisors and admins. The correction with its changes, its proposer and, once decided, its decision. Unknown correction: 404.',
  })
  @ApiOkResponse({ type: CorrectionDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string): Promise<CorrectionDto> {
    return this.weapons.correction(id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles(Role.Admin, Role.Supervisor)
  @ApiOperation({
    summary: 'Approve and apply a correction (never one’s own)',
    description:
      'Supervisors and admins within the weapon\'s jurisdiction. Applies the correction to the weapon and records a `corrected` event with old and new values. Approving one\'s own is 403 `SELF_APPROVAL`; a correction no longer pending is 409 `CORRECTION_NOT_PENDING`; a new marking that collides with another weapon is 409 `DUPLICATE_MARKING`. Audited.',
  })
  @ApiOkResponse({ type: CorrectionDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound, ErrorCode.SelfApproval, ErrorCode.CorrectionNotPending, ErrorCode.DuplicateMarking)
  approveCorrection(@Param('id', uuidParam()) id: string, @Ctx() context: RequestContext): Promise<CorrectionDto> {
    return this.approve.execute(id, context);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles(Role.Admin, Role.Supervisor)
  @ApiOperation({
    summary: 'Reject a correction (never one’s own)',
    description:
      'Supervisors and admins within the weapon\'s jurisdiction. Rejects the correction with a reason; the weapon is unchanged. One\'s own: 403 `SELF_APPROVAL`; no longer pending: 409 `CORRECTION_NOT_PENDING`. Audited.',
  })
  @ApiOkResponse({ type: CorrectionDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound, ErrorCode.SelfApproval, ErrorCode.CorrectionNotPending)
  rejectCorrection(
    @Param('id', uuidParam()) id: string,
    @Body() body: RejectCorrectionDto,
    @Ctx() context: RequestContext,
  ): Promise<CorrectionDto> {
    return this.reject.execute(id, body.reason, context);
  }
}
