import { Controller, Get, Header, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import { type Page } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { AuditCheckpointDto, AuditPublicKeyDto } from './checkpoints/audit-checkpoint.dto';
import { AuditCheckpointsQuery } from './checkpoints/audit-checkpoints.query';
import { AuditEntityParams, AuditEventDto, AuditEventSearchQuery, AuditHistoryEntryDto, AuditHistoryQuery } from './events/audit-event.dto';
import { AuditEventsQuery } from './events/audit-events.query';
import { AuditExportQuery } from './export/audit-export.dto';
import { AuditVerificationQuery } from './verification/audit-verification.query';
import { SeqRangeQuery, VerifyResultDto } from './verification/audit-verify.dto';
import { AUDIT_LOG_READERS, AUDIT_READERS } from './audit.roles';
import { AuditTreeQuery } from './tree/audit-tree.query';
import { ConsistencyProofDto, ConsistencyProofQuery, InclusionProofDto, InclusionProofQuery, TreeHeadDto } from './tree/audit-tree.dto';
import { actorOf } from './log/audit.service';
import { ExportAuditUseCase } from './export/export-audit.use-case';
import { SignAuditCheckpointUseCase } from './checkpoints/sign-audit-checkpoint.use-case';
import { Created } from '../common/location';

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
    private readonly tree: AuditTreeQuery,
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
  history(@Param() params: AuditEntityParams, @Query() query: AuditHistoryQuery): Promise<Page<AuditHistoryEntryDto>> {
    return this.events.history(params.entityType, params.entityId, query);
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
  @Roles(...AUDIT_LOG_READERS)
  @ApiOperation({ summary: 'Signed chain heads, oldest first (optionally from..to by seq)' })
  @ApiOkResponse({ type: [AuditCheckpointDto] })
  @ApiProblems(ErrorCode.ValidationFailed)
  listCheckpoints(@Query() range: SeqRangeQuery): Promise<AuditCheckpointDto[]> {
    return this.checkpoints.list(range);
  }

  @Post('checkpoints')
  @Created('/api/v1/audit/checkpoints?from={seq}&to={seq}')
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

  @Get('checkpoints/latest')
  @Roles(...AUDIT_LOG_READERS)
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiOperation({ summary: 'The latest signed tree head as a C2SP signed note, with every witness cosignature line after the registry’s' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiProblems(ErrorCode.NotFound)
  latestCheckpoint(): Promise<string> {
    return this.checkpoints.latestNoteText();
  }

  @Get('tree-head')
  @Roles(...AUDIT_LOG_READERS)
  @ApiOperation({ summary: 'The Merkle tree over the entries now, unsigned' })
  @ApiOkResponse({ type: TreeHeadDto })
  treeHead(): Promise<TreeHeadDto> {
    return this.tree.head();
  }

  @Get('proofs/inclusion')
  @Roles(...AUDIT_LOG_READERS)
  @ApiOperation({ summary: 'RFC 9162 inclusion proof of entry seq in the tree of treeSize entries (default: now)' })
  @ApiOkResponse({ type: InclusionProofDto })
  @ApiProblems(ErrorCode.ValidationFailed)
  inclusionProof(@Query() query: InclusionProofQuery): Promise<InclusionProofDto> {
    return this.tree.inclusion(query.seq, query.treeSize);
  }

  @Get('proofs/consistency')
  @Roles(...AUDIT_LOG_READERS)
  @ApiOperation({ summary: 'RFC 9162 consistency proof that the tree of `to` entries extends the tree of `from`' })
  @ApiOkResponse({ type: ConsistencyProofDto })
  @ApiProblems(ErrorCode.ValidationFailed)
  consistencyProof(@Query() query: ConsistencyProofQuery): Promise<ConsistencyProofDto> {
    return this.tree.consistency(query.from, query.to);
  }

  @Get('public-key')
  @Roles(...AUDIT_LOG_READERS)
  @ApiOperation({ summary: 'The Ed25519 public key that checkpoints are signed with' })
  @ApiOkResponse({ type: AuditPublicKeyDto })
  publicKey(): AuditPublicKeyDto {
    return this.checkpoints.publicKey();
  }
}
