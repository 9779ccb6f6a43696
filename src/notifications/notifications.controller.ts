import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { Created } from '../common/location';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import type { Page } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { AcceptedNotificationRunDto, NotificationDto, NotificationQuery, NotificationRunDto } from './notification.dto';
import { NOTIFICATION_READERS, NOTIFICATION_RUNNERS } from './notifications.roles';
import { NotificationsQuery } from './notifications.query';
import { RequestRemindersUseCase } from './request-reminders.use-case';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly request: RequestRemindersUseCase,
    private readonly notifications: NotificationsQuery,
  ) {}

  @Post('run')
  @Created('/api/v1/notifications/runs/{id}')
  @HttpCode(202)
  @Roles(...NOTIFICATION_RUNNERS)
  @ApiOperation({
    summary: 'Write the renewal reminders now',
    description:
      'Runs the daily job on the queue (poll GET /notifications/runs/:id): one notification per licence expiring within RENEWAL_NOTICE_DAYS, written once per document and expiry day however often it runs; each new one is delivered to NOTIFY_WEBHOOK_URL when set.',
  })
  @ApiAcceptedResponse({ type: AcceptedNotificationRunDto })
  run(@Ctx() context: RequestContext): Promise<AcceptedNotificationRunDto> {
    return this.request.execute(context);
  }

  @Get('runs/:id')
  @Roles(...NOTIFICATION_RUNNERS)
  @ApiOperation({
    summary: 'A reminders run: its status and how many notifications it wrote',
    description: 'The path POST /notifications/run answers with; queued, running, then completed (with `written`) or failed.',
  })
  @ApiOkResponse({ type: NotificationRunDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  getRun(@Param('id', uuidParam()) id: string): Promise<NotificationRunDto> {
    return this.notifications.run(id);
  }

  @Get()
  @Roles(...NOTIFICATION_READERS)
  @ApiOperation({
    summary: 'Renewal reminders, newest first',
    description: 'Officers and supervisors see those of owners in their jurisdiction (the owner’s district when the reminder was written).',
  })
  @ApiPageResponse(NotificationDto)
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound, ErrorCode.OutOfJurisdiction)
  list(@Query() query: NotificationQuery, @Ctx() context: RequestContext): Promise<Page<NotificationDto>> {
    return this.notifications.list(query, context.principal!);
  }
}
