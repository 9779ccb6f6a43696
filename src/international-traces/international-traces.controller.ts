import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { Created } from '../common/location';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import type { Page } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { ACCESS_PURPOSE_HEADER } from '../personal-data/access-purpose';
import { CreateInternationalTraceUseCase } from './create-international-trace.use-case';
import { DownloadTracePackageUseCase } from './download-trace-package.use-case';
import { CreateInternationalTraceDto, InternationalTraceQuery, PackageQuery, ReplyInternationalTraceDto, RespondInternationalTraceDto } from './international-trace.dto';
import { InternationalTraceDto, PackagePendingDto } from './international-trace-response.dto';
import { ITI_USERS, NationalScopeGuard } from './international-traces.roles';
import { InternationalTracesQuery } from './international-traces.query';
import { RecordTraceReplyUseCase } from './record-trace-reply.use-case';
import { RespondInternationalTraceUseCase } from './respond-international-trace.use-case';
import { PERSON_DATA_RULE } from './trace-package';

const ROLES_NOTE = 'Admins, supervisors, and police of national scope (no jurisdiction); anyone else gets 403 FORBIDDEN.';

@ApiTags('international tracing')
@Controller('international-traces')
@Roles(...ITI_USERS)
@UseGuards(NationalScopeGuard)
export class InternationalTracesController {
  constructor(
    private readonly create: CreateInternationalTraceUseCase,
    private readonly traces: InternationalTracesQuery,
    private readonly download: DownloadTracePackageUseCase,
    private readonly respondUseCase: RespondInternationalTraceUseCase,
    private readonly replyUseCase: RecordTraceReplyUseCase,
  ) {}

  @Post()
  @Created('/api/v1/international-traces/{id}')
  @ApiOperation({
    summary: 'File an international trace (ITI), incoming or outgoing; its package is prepared by the queue',
    description:
      `Incoming: another state asks about a weapon by its marking; receivedAt defaults to now and dueAt to receivedAt + ITI_RESPONSE_DAYS (30). ` +
      `Outgoing: Panama asks another state about a registry weapon: weaponId is required, and traceRequestId may link the domestic ` +
      `trace request it serves. The marking (make, type, serialNumber at least) is required in both directions. state must be an ` +
      `existing ISO 3166-1 alpha-2 code; dueAt before receivedAt is refused. Restrictions are kept with the trace and honoured in ` +
      `the package: ${PERSON_DATA_RULE} Audited (international_trace.created). ${ROLES_NOTE}`,
  })
  @ApiCreatedResponse({ type: InternationalTraceDto })
  @ApiProblems(ErrorCode.ValidationFailed)
  file(@Body() body: CreateInternationalTraceDto, @Ctx() context: RequestContext): Promise<InternationalTraceDto> {
    return this.create.execute(body, context);
  }

  @Get()
  @ApiOperation({
    summary: 'International traces, newest first, by direction, status, or overdue',
    description: `overdue=true: incoming traces still open past their dueAt. ${ROLES_NOTE}`,
  })
  @ApiPageResponse(InternationalTraceDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  list(@Query() query: InternationalTraceQuery): Promise<Page<InternationalTraceDto>> {
    return this.traces.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An international trace, with its package status, response or reply', description: ROLES_NOTE })
  @ApiOkResponse({ type: InternationalTraceDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string): Promise<InternationalTraceDto> {
    return this.traces.get(id);
  }

  @Get(':id/package')
  @ApiOperation({
    summary: "The trace's package as JSON or as a PDF in Spanish and English; 202 with Retry-After until the queue has prepared it",
    description:
      'JSON: the stored text its sha256 was taken over (registration, marking, import and export records, transfers, holders as the ' +
      'restrictions allow, status history, recoveries, the audit head at preparation). PDF: the same in Spanish and English side by side, ' +
      'with the request references, the sha256 and the audit head. ETag and X-Package-Sha256 carry the digest. Each download is audited ' +
      `(international_trace.package_downloaded); when the package names persons, police must give X-Access-Purpose. ${ROLES_NOTE}`,
  })
  @ApiHeader({ name: 'X-Access-Purpose', required: false, description: 'Why the data is read; required for police when the package names persons' })
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({
    description: 'The package',
    content: { 'application/json': { schema: { type: 'object' } }, 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    headers: { 'X-Package-Sha256': { description: 'Hex SHA-256 of the JSON package', schema: { type: 'string' } } },
  })
  @ApiAcceptedResponse({
    type: PackagePendingDto,
    description: 'Not prepared yet: poll again after Retry-After seconds',
    headers: {
      'Retry-After': { description: 'Seconds', schema: { type: 'integer' } },
      Location: { description: 'The path to poll', schema: { type: 'string' } },
    },
  })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound, ErrorCode.PackageNotReady, ErrorCode.PurposeRequired)
  async package(
    @Param('id', uuidParam()) id: string,
    @Query() query: PackageQuery,
    @Headers(ACCESS_PURPOSE_HEADER) purpose: string | undefined,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PackagePendingDto | Buffer> {
    const format = query.format ?? 'json';
    const result = await this.download.execute(id, format, purpose, context);
    if (!result.ready) {
      void reply
        .status(202)
        .header('Retry-After', String(result.retryAfterSeconds))
        .header('Location', `/api/v1/international-traces/${id}/package?format=${format}`);
      return { id: result.id, status: result.status };
    }
    void reply
      .header('Content-Type', result.contentType)
      .header('Content-Disposition', `attachment; filename="${result.fileName}"`)
      .header('ETag', `"${result.sha256}"`)
      .header('X-Package-Sha256', result.sha256)
      .header('Cache-Control', 'no-store');
    return result.body;
  }

  @Post(':id/respond')
  @HttpCode(200)
  @ApiOperation({
    summary: "Record Panama's answer to an incoming trace: it becomes answered",
    description:
      'Needs the prepared package; the audit entry (international_trace.responded) names its sha256. An outgoing trace: 409 ' +
      `WRONG_TRACE_DIRECTION; already answered: 409 TRACE_NOT_OPEN; package not prepared: 409 PACKAGE_NOT_READY. ${ROLES_NOTE}`,
  })
  @ApiOkResponse({ type: InternationalTraceDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound, ErrorCode.TraceNotOpen, ErrorCode.WrongTraceDirection, ErrorCode.PackageNotReady)
  respond(@Param('id', uuidParam()) id: string, @Body() body: RespondInternationalTraceDto, @Ctx() context: RequestContext): Promise<InternationalTraceDto> {
    return this.respondUseCase.execute(id, body, context);
  }

  @Post(':id/reply')
  @HttpCode(200)
  @ApiOperation({
    summary: "Record the foreign state's answer to an outgoing trace: it becomes answered",
    description:
      'Audited (international_trace.replied). When the trace names a domestic trace request and the answer gives a diversionPoint, ' +
      "that request's illicit origin is recorded in the same transaction (method tracing, established when the outcome is traced). " +
      `An incoming trace: 409 WRONG_TRACE_DIRECTION; already answered: 409 TRACE_NOT_OPEN. ${ROLES_NOTE}`,
  })
  @ApiOkResponse({ type: InternationalTraceDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound, ErrorCode.TraceNotOpen, ErrorCode.WrongTraceDirection)
  reply(@Param('id', uuidParam()) id: string, @Body() body: ReplyInternationalTraceDto, @Ctx() context: RequestContext): Promise<InternationalTraceDto> {
    return this.replyUseCase.execute(id, body, context);
  }
}
