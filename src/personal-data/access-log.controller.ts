import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import { type Page, PageQuery } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { AccessLogEntryDto } from './access-log.dto';
import { ViewAccessLogUseCase } from './view-access-log.use-case';
import { SUBJECT_ACCESS_READERS } from './personal-data.roles';

@ApiTags('owners')
@Controller('owners')
export class AccessLogController {
  constructor(private readonly viewAccessLog: ViewAccessLogUseCase) {}

  @Get(':id/access-log')
  @Roles(...SUBJECT_ACCESS_READERS)
  @ApiOperation({
    summary: "Who read or changed this person's data, when and why; newest first",
    description: 'Officers and supervisors within their jurisdiction (Ley 81 de 2019: the holder’s right of access).',
  })
  @ApiPageResponse(AccessLogEntryDto)
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound, ErrorCode.OutOfJurisdiction)
  list(
    @Param('id', uuidParam()) id: string,
    @Query() query: PageQuery,
    @Ctx() context: RequestContext,
  ): Promise<Page<AccessLogEntryDto>> {
    return this.viewAccessLog.execute(id, query, context);
  }
}
