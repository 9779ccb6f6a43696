import { Controller, Get, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import { type Page, PageQuery } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { AuditCheckpointDto, AuditPublicKeyDto } from './checkpoints/audit-checkpoint.dto';
import { AuditCheckpointsQuery } from './checkpoints/audit-checkpoints.query';
import { AuditEntityParams, AuditEventDto, AuditEventSearchQuery, AuditHistoryEntryDto } from './events/audit-event.dto';
import { AuditEventsQuery } from './events/audit-events.query';
import { AuditExportQuery } from './export/audit-export.dto';
import { AuditVerificationQuery } from './verification/audit-verification.query';
import { SeqRangeQuery, VerifyResultDto } from './verification/audit-verify.dto';
import { AUDIT_READERS } from './audit.roles';
import { actorOf } from './log/audit.service';
import { ExportAuditUseCase } from './export/export-audit.use-case';
import { SignAuditCheckpointUseCase } from './checkpoints/sign-audit-checkpoint.use-case';

const EXPORT_DESCRIPTION =
  'One line per entry, oldest first, with every hashed field plus prevHash and hash, so the file verifies on its own ' +
  '(npm run audit:verify). NDJSON: one JSON object a line. CSV: RFC 4180 with a header row; before and after are JSON ' +
  'text; an empty unquoted field is null and "" the empty string. Content-Disposition names the file audit-<from>-<to>.<format>.';

@ApiTags('audit')
@Controller('audit')
@Roles(...AUDIT_READERS)
export class AuditController {
  constructor(
    private readonly events: AuditEventsQuery,
    private readonly verification: AuditVerificationQuery,
    private readonly checkpoints: AuditCheckpointsQuery,
    private readonly exportAudit: ExportAuditUseCase,
    private readonly signCheckpoint: SignAuditCheckpointUseCase,
  ) {}

  @Get('events')
  @ApiOperation({ summary: 'Audit entries, oldest first, by record, actor, action or time (from included, to excluded)' })
  @ApiPageResponse(AuditEventDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  list(@Query() query: AuditEventSearchQuery): Promise<Page<AuditEventDto>> {
    return this.events.list(query);
  }

  @Get('history/:entityType/:entityId')
  @ApiOperation({ summary: "A record's changes in order, each with its field-level difference (JSON Pointer paths)" })
  @ApiPageResponse(AuditHistoryEntryDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  history(@Param() params: AuditEntityParams, @Query() page: PageQuery): Promise<Page<AuditHistoryEntryDto>> {
    return this.events.history(params.entityType, params.entityId, page);
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Recompute the chain (or from..to by seq) and hold it against the signed checkpoints',
    description:
      'Any edited, deleted or inserted entry, an entry beyond the recorded head, or a checkpoint the chain no longer ' +
      'matches makes valid false and names the first bad seq and the problem.',
  })
  @ApiOkResponse({ type: VerifyResultDto })
  @ApiProblems(ErrorCode.ValidationFailed)
  verify(@Query() range: SeqRangeQuery): Promise<VerifyResultDto> {
    return this.verification.verify(range);
  }

  @Get('export')
  @ApiOperation({
    summary: 'Stream the chain from..to by seq (default all) as NDJSON or CSV; the export is itself audited (audit.exported)',
    description: EXPORT_DESCRIPTION,
  })
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiOkResponse({
    description: EXPORT_DESCRIPTION,
    content: {
      'application/x-ndjson': { schema: { type: 'string' } },
      'text/csv': { schema: { type: 'string' } },
    },
    headers: { 'Content-Disposition': { description: 'attachment; filename="audit-<from>-<to>.<format>"', schema: { type: 'string' } } },
  })
  @ApiProblems(ErrorCode.ValidationFailed)
  async export(@Query() query: AuditExportQuery, @Ctx() context: RequestContext): Promise<StreamableFile> {
    const file = await this.exportAudit.execute(query, actorOf(context));
    return new StreamableFile(file.stream, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"` });
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'Signed chain heads, oldest first (optionally from..to by seq)' })
  @ApiOkResponse({ type: [AuditCheckpointDto] })
  @ApiProblems(ErrorCode.ValidationFailed)
  listCheckpoints(@Query() range: SeqRangeQuery): Promise<AuditCheckpointDto[]> {
    return this.checkpoints.list(range);
  }

  @Post('checkpoints')
  @ApiOperation({
    summary: 'Sign a checkpoint now',
    description:
      'Appends an audit.checkpoint_requested entry naming the caller and signs the new head (that entry) after ' +
      'recomputing the chain since the previous checkpoint. Useful before an export.',
  })
  @ApiCreatedResponse({ type: AuditCheckpointDto })
  @ApiProblems(ErrorCode.AuditChainInvalid)
  createCheckpoint(@Ctx() context: RequestContext): Promise<AuditCheckpointDto> {
    return this.signCheckpoint.signRequested(actorOf(context));
  }

  @Get('public-key')
  @ApiOperation({ summary: 'The Ed25519 public key that checkpoints are signed with' })
  @ApiOkResponse({ type: AuditPublicKeyDto })
  publicKey(): AuditPublicKeyDto {
    return this.checkpoints.publicKey();
  }
}
