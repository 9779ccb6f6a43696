import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiProblems } from '../common/openapi';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { SearchTraceUseCase } from './search-trace.use-case';
import { TraceRecordDto, TraceSearchQuery, TraceSearchResultDto } from './trace.dto';
import { TRACERS } from './trace.roles';
import { ViewTraceRecordUseCase } from './view-trace-record.use-case';
import { PersonalDataRead } from '../personal-data/personal-data-read.decorator';
import { TRACE_RECORD_VIEW } from '../personal-data/personal-data-reads';

@ApiTags('tracing')
@Controller('trace')
export class TraceController {
  constructor(
    private readonly searchTrace: SearchTraceUseCase,
    private readonly viewRecord: ViewTraceRecordUseCase,
  ) {}

  @Get('search')
  @Roles(...TRACERS)
  @ApiOperation({
    summary: 'Find the weapons a serial, or a fragment of one, may belong to; best first',
    description: 'A hit on a weapon reported lost or stolen raises an alert.',
  })
  @ApiOkResponse({ type: TraceSearchResultDto })
  @ApiProblems(ErrorCode.ValidationFailed)
  search(@Query() query: TraceSearchQuery, @Ctx() context: RequestContext): Promise<TraceSearchResultDto> {
    return this.searchTrace.execute(query, context);
  }

  @Get('weapons/:id')
  @Roles(...TRACERS)
  @PersonalDataRead(TRACE_RECORD_VIEW)
  @ApiOperation({
    summary: 'A weapon’s trace record: holder, chain of custody, events and flags',
    description: 'Each call is audited as `trace.viewed`, naming the caller, the purpose and the owners shown.',
  })
  @ApiOkResponse({ type: TraceRecordDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  record(@Param('id', uuidParam()) id: string, @Ctx() context: RequestContext): Promise<TraceRecordDto> {
    return this.viewRecord.execute(id, context);
  }
}
