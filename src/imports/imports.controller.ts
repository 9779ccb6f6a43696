import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import type { Page } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { Idempotent, IdempotencyKey } from '../idempotency/idempotent.decorator';
import type { IdempotentRequest, IdempotentResult } from '../idempotency/idempotency.service';
import { CreateImportUseCase } from './create-import.use-case';
import { CSV_BODY } from './csv-body';
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from './import-csv';
import { AcceptedImportDto, ImportDto, ImportQuery, ImportSummaryDto } from './import.dto';
import { ImportsQuery } from './imports.query';
import { IMPORTERS } from './imports.roles';
import { Created } from '../common/location';

const FILE_DESCRIPTION =
  'UTF-8 CSV with a header row, one weapon a row, columns matched by header name. ' +
  `Required: ${REQUIRED_COLUMNS.join(', ')} (serialNumber may be empty when serialStatus is obliterated or unmarked). ` +
  `Optional: ${OPTIONAL_COLUMNS.join(', ')}. At most IMPORT_MAX_BYTES (64 MiB by default).`;

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly create: CreateImportUseCase,
    private readonly imports: ImportsQuery,
  ) {}

  @Post()
  @Created('/api/v1/imports/{id}')
  @HttpCode(202)
  @RouteConfig(CSV_BODY)
  @Roles(...IMPORTERS)
  @ApiOperation({
    summary: 'Import legacy weapon records from a CSV file; landed by the queue (poll GET /imports/:id)',
    description:
      'Each row is checked by the rules of POST /weapons, the holder found by holderDocumentKind and holderDocumentNumber. ' +
      'A bad row is rejected alone (GET /imports/:id lists it with its line and code); the good rows are registered. ' +
      'An officer or supervisor with a jurisdiction imports only rows whose holder lives in it (others: OUT_OF_JURISDICTION). ' +
      'The same file (by SHA-256) is imported once: again it gets 409 DUPLICATE_IMPORT, except when that import failed; ' +
      'then posting it again (by its importer or an admin) resumes that import after the rows it already handled, with the same id.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ description: FILE_DESCRIPTION, schema: { type: 'string', format: 'binary' } })
  @Idempotent()
  @ApiAcceptedResponse({ type: AcceptedImportDto, description: 'Queued; a replay carries `Idempotent-Replayed: true`' })
  @ApiProblems(
    ErrorCode.ValidationFailed,
    ErrorCode.DuplicateImport,
    ErrorCode.IdempotencyInProgress,
    ErrorCode.IdempotencyKeyReused,
    ErrorCode.PayloadTooLarge,
    ErrorCode.UnsupportedMediaType,
  )
  upload(
    @Body() body: unknown,
    @Ctx() context: RequestContext,
    @IdempotencyKey() idempotency: IdempotentRequest | null,
  ): Promise<IdempotentResult<AcceptedImportDto>> {
    return this.create.execute(body, context, idempotency);
  }

  @Get()
  @Roles(...IMPORTERS)
  @ApiOperation({
    summary: 'Imports, newest first (without their rows\' errors)',
    description: 'Admins and national-scope users see every import; a user with a jurisdiction sees the imports they posted.',
  })
  @ApiPageResponse(ImportSummaryDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  list(@Query() query: ImportQuery, @Ctx() context: RequestContext): Promise<Page<ImportSummaryDto>> {
    return this.imports.list(query, context.principal!);
  }

  @Get(':id')
  @Roles(...IMPORTERS)
  @ApiOperation({
    summary: 'An import: status `queued`, `processing`, `completed` or `failed`, its progress and its rejected rows',
    description:
      'Officers, supervisors and admins: its importer, or a user of national scope (anyone else: 404). Progress of an import: status, total, accepted and rejected rows, each rejected row with its number, code and message. Unknown id: 404.',
  })
  @ApiOkResponse({ type: ImportDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string, @Ctx() context: RequestContext): Promise<ImportDto> {
    return this.imports.get(id, context.principal!, context.language);
  }
}
