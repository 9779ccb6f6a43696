import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import type { Page } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { languageOf } from '../i18n/language';
import { CreateTraceRequestUseCase } from './create-trace-request.use-case';
import { AcceptedTraceRequestDto, CreateTraceRequestDto, EstablishOriginDto, TraceRequestDto, TraceRequestQuery } from './trace-request.dto';
import { TraceRequestsQuery } from './trace-requests.query';
import { ORIGIN_AUTHORITIES, TRACERS } from './trace.roles';
import { EstablishOriginUseCase } from './establish-origin.use-case';
import { PersonalDataRead } from '../personal-data/personal-data-read.decorator';
import { TRACE_REQUEST_VIEW } from '../personal-data/personal-data-reads';
import { Created } from '../common/location';

@ApiTags('tracing')
@Controller('trace-requests')
export class TraceRequestsController {
  constructor(
    private readonly create: CreateTraceRequestUseCase,
    private readonly requests: TraceRequestsQuery,
    private readonly establishOrigin: EstablishOriginUseCase,
  ) {}

  @Post()
  @Created('/api/v1/trace-requests/{id}')
  @HttpCode(202)
  @Roles(...TRACERS)
  @ApiOperation({
    summary: 'Ask for a recovered weapon to be traced; answered by the queue (poll GET /trace-requests/:id)',
    description:
      'Police, officers, supervisors and admins. Files a trace request for a case (case number, requesting agency, reason, where and when the weapon was recovered, and its marking) and answers 202 with `status: queued` and a `Location` to poll. A queue worker then matches the marking against the registry (exact, folded and confusable serials), records `traced`, `multiple_candidates` or `not_found` with the trace record, raises an alert on a weapon reported lost or stolen, and files a `weapon_trace` PDF report owned by the requester. Refuses an invalid body with 400.',
  })
  @ApiAcceptedResponse({ type: AcceptedTraceRequestDto })
  @ApiProblems(ErrorCode.ValidationFailed)
  file(
    @Body() body: CreateTraceRequestDto,
    @Ctx() context: RequestContext,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<AcceptedTraceRequestDto> {
    return this.create.execute(body, context, languageOf(acceptLanguage));
  }

  @Get()
  @Roles(...TRACERS)
  @ApiOperation({
    summary: 'Trace requests, newest first',
    description:
      'Police, officers, supervisors and admins. Lists trace requests, newest first, filtered by `caseNumber` and `status`, a page at a time (`limit`, `cursor`). A malformed filter or cursor is 400.',
  })
  @ApiPageResponse(TraceRequestDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  list(@Query() query: TraceRequestQuery): Promise<Page<TraceRequestDto>> {
    return this.requests.list(query);
  }

  @Get(':id')
  @Roles(...TRACERS)
  @PersonalDataRead(TRACE_REQUEST_VIEW)
  @ApiOperation({
    summary: 'A trace request: status `queued`, `processing`, `completed` (with its result) or `failed`',
    description:
      'Police, officers, supervisors and admins; police must give `X-Access-Purpose` (400 `PURPOSE_REQUIRED`), and the read is audited. Shows the request, its status, the result once answered (outcome, candidates, trace record), the report it filed and the finding on illicit origin. Unknown id: 404.',
  })
  @ApiOkResponse({ type: TraceRequestDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string): Promise<TraceRequestDto> {
    return this.requests.get(id);
  }

  @Post(':id/origin')
  @HttpCode(200)
  @Roles(...ORIGIN_AUTHORITIES)
  @ApiOperation({
    summary: "Record the competent authority's finding on the weapon's illicit origin (SDG 16.4.2)",
    description:
      'Police, supervisors and admins (not officers: 403). Records whether the illicit origin was established, by which method and at which diversion point; this is the numerator of SDG indicator 16.4.2. The change is audited. Unknown request: 404; an invalid body: 400.',
  })
  @ApiOkResponse({ type: TraceRequestDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  origin(@Param('id', uuidParam()) id: string, @Body() body: EstablishOriginDto, @Ctx() context: RequestContext): Promise<TraceRequestDto> {
    return this.establishOrigin.execute(id, body, context);
  }
}
