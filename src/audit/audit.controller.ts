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
  @ApiOperation({
    summary: 'Audit entries, oldest first, by record, actor, action or time (from included, to excluded)',
    description:
      'Auditors and admins. Lists audit entries oldest first, filtered by entity type and id, actor, action and time, each with its `before` and `after`, request id, `prevHash` and `hash`. A malformed filter or cursor: 400.',
  })
  @ApiPageResponse(AuditEventDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  list(@Query() query: AuditEventSearchQuery): Promise<Page<AuditEventDto>> {
    return this.events.list(query);
  }

  @Get('history/:entityType/:entityId')
  @ApiOperation({
    summary: "A record's changes in order, each with its field-level difference (JSON Pointer paths)",
    description:
      'Auditors and admins. The changes of one record in order, each with who made it, when, and a field-level difference; with `proof=true` each carries its inclusion proof against the latest signed checkpoint. The entity type is singular snake case (`weapon`, `owner`, `licence`, …); an unknown one is 400 `VALIDATION_FAILED`, not an empty history.',
  })
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
  @ApiOperation({
    summary: 'Signed chain heads, oldest first (optionally from..to by seq)',
    description:
      'Auditors, admins and witnesses. The signed checkpoints oldest first: seq, hash, signature, key id, tree size, root hash, the signed note text and the witnesses\' cosignatures. A bad range: 400.',
  })
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
  @ApiOperation({
    summary: 'The latest signed tree head as a C2SP signed note, with every witness cosignature line after the registry’s',
    description:
      'Auditors, admins and witnesses. The latest checkpoint as a C2SP tlog-checkpoint signed note (`text/plain`): origin, tree size, base64 root, then the registry\'s signature line and each witness\'s. 404 while nothing has been signed.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiProblems(ErrorCode.NotFound)
  latestCheckpoint(): Promise<string> {
    return this.checkpoints.latestNoteText();
  }

  @Get('tree-head')
  @Roles(...AUDIT_LOG_READERS)
  @ApiOperation({
    summary: 'The Merkle tree over the entries now, unsigned',
    description:
      'Auditors, admins and witnesses. The RFC 9162 tree over all entries as it stands now (tree size, root hash) and the chain head (seq, hash); not signed: compare with a signed checkpoint.',
  })
  @ApiOkResponse({ type: TreeHeadDto })
  treeHead(): Promise<TreeHeadDto> {
    return this.tree.head();
  }

  @Get('proofs/inclusion')
  @Roles(...AUDIT_LOG_READERS)
  @ApiOperation({
    summary: 'RFC 9162 inclusion proof of entry seq in the tree of treeSize entries (default: now)',
    description:
      'Auditors, admins and witnesses. The audit path proving that entry `seq` is leaf `seq - 1` of the tree of `treeSize` entries, computed from stored subtree hashes. A seq or size beyond the tree: 400 `VALIDATION_FAILED`.',
  })
  @ApiOkResponse({ type: InclusionProofDto })
  @ApiProblems(ErrorCode.ValidationFailed)
  inclusionProof(@Query() query: InclusionProofQuery): Promise<InclusionProofDto> {
    return this.tree.inclusion(query.seq, query.treeSize);
  }

  @Get('proofs/consistency')
  @Roles(...AUDIT_LOG_READERS)
  @ApiOperation({
    summary: 'RFC 9162 consistency proof that the tree of `to` entries extends the tree of `from`',
    description:
      'Auditors, admins and witnesses. The proof that the tree of `to` entries is an append-only extension of the tree of `from` entries, with both roots; what a witness checks before cosigning. `from > to` or a size beyond the tree: 400 `VALIDATION_FAILED`.',
  })
  @ApiOkResponse({ type: ConsistencyProofDto })
  @ApiProblems(ErrorCode.ValidationFailed)
  consistencyProof(@Query() query: ConsistencyProofQuery): Promise<ConsistencyProofDto> {
    return this.tree.consistency(query.from, query.to);
  }

  @Get('public-key')
  @Roles(...AUDIT_LOG_READERS)
  @ApiOperation({
    summary: 'The Ed25519 public key that checkpoints are signed with',
    description:
      'Auditors, admins and witnesses. The SPKI PEM of the Ed25519 key that signs checkpoints, with its key id, for offline verification (`npm run audit:verify`). Keep a copy from another source too.',
  })
  @ApiOkResponse({ type: AuditPublicKeyDto })
  publicKey(): AuditPublicKeyDto {
    return this.checkpoints.publicKey();
  }
}
