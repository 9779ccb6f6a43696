import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import type { Page } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { AcknowledgeAlertUseCase } from './acknowledge-alert.use-case';
import { AlertDto, AlertQuery } from './alert.dto';
import { AlertsQuery } from './alerts.query';
import { ALERT_HANDLERS } from './alerts.roles';

@ApiTags('tracing')
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsQuery,
    private readonly acknowledgeAlert: AcknowledgeAlertUseCase,
  ) {}

  @Get()
  @Roles(...ALERT_HANDLERS)
  @ApiOperation({
    summary: 'Stolen-weapon hits, newest first; `?status=open` for those still to be dealt with',
    description:
      'Police, officers, supervisors and admins. Stolen-weapon hits, newest first: a registration attempt on a marking reported lost or stolen, or a trace search or trace request matching one; each names the weapon, the trigger, who and when.',
  })
  @ApiPageResponse(AlertDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  list(@Query() query: AlertQuery): Promise<Page<AlertDto>> {
    return this.alerts.list(query);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(...ALERT_HANDLERS)
  @ApiOperation({
    summary: 'Acknowledge an alert; acknowledging it again changes nothing',
    description:
      'Police, officers, supervisors and admins. Marks the alert acknowledged by the caller; acknowledging it again changes nothing. Unknown id: 404. Audited.',
  })
  @ApiOkResponse({ type: AlertDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  acknowledge(@Param('id', uuidParam()) id: string, @Ctx() context: RequestContext): Promise<AlertDto> {
    return this.acknowledgeAlert.execute(id, context);
  }
}
