import { Controller, Get, Query, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiProblems } from '../common/openapi';
import { Ctx, type RequestContext } from '../common/request-context';
import { ExportInterpolStolenUseCase } from './export-interpol-stolen.use-case';
import { InterpolExportQuery } from './international-trace.dto';
import { ITI_USERS, NationalScopeGuard } from './international-traces.roles';
import { INTERPOL_COLUMNS, INTERPOL_REPORTING_AGENCY } from './interpol-export';

const DESCRIPTION =
  `CSV (RFC 4180, CRLF, header row ${INTERPOL_COLUMNS.join(',')}) for INTERPOL's iARMS, streamed from a database cursor. One row per ` +
  'change of a weapon that INTERPOL should know of, in the order they happened, from the Panama day `since` on: a report of loss ' +
  '(status `lost`) or theft (`stolen`), or the end of a missing status (`recovered`: a weapon reported lost or stolen that is ' +
  'recovered, seized or handed in). recordId: the registry number (the same for every row of one weapon); changedAt: when the ' +
  'event happened (ISO 8601 UTC); make, model, type, calibre, serialNumber (as written on the weapon), countryOfManufacture: the ' +
  'registry record as it is now; importMarking: the import marking\'s country and year (`PA 2024`), `exempt <reference>` for an ' +
  `exempted import, empty when none; reportingAgency: ${INTERPOL_REPORTING_AGENCY}, the national contact point that files the record; ` +
  "caseReference: the event's reference (the police report or the recovery's case number). Cells a spreadsheet would run as a " +
  "formula are prefixed with '. Audited (interpol.exported, with since and the row count); counted and streamed from one " +
  'snapshot, so the file holds exactly the audited number of rows. Admins, supervisors, and police of national scope.';

@ApiTags('international tracing')
@Controller('exports')
@Roles(...ITI_USERS)
@UseGuards(NationalScopeGuard)
export class InterpolExportController {
  constructor(private readonly exportStolen: ExportInterpolStolenUseCase) {}

  @Get('interpol-stolen')
  @ApiOperation({ summary: 'Weapons reported lost or stolen, or recovered, since a day: CSV for INTERPOL iARMS', description: DESCRIPTION })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: DESCRIPTION,
    content: { 'text/csv': { schema: { type: 'string' } } },
    headers: { 'X-Row-Count': { description: 'The rows the file holds (as audited)', schema: { type: 'integer' } } },
  })
  @ApiProblems(ErrorCode.ValidationFailed)
  async export(
    @Query() query: InterpolExportQuery,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.exportStolen.execute(query.since, context);
    void reply.header('X-Row-Count', String(file.rows)).header('Cache-Control', 'no-store');
    return new StreamableFile(file.stream, { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${file.fileName}"` });
  }
}
