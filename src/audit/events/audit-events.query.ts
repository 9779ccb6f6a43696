import { msg } from '../../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '../../common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Page, type PageQuery, toPage } from '../../common/pagination';
import { type ChainedEntry } from '../chain/audit-chain';
import { type AuditEventDto, type AuditEventSearchQuery, type AuditHistoryEntryDto, type AuditHistoryQuery } from './audit-event.dto';
import { inclusionProofs } from '../tree/audit-tree';
import { toAuditEventDto, toAuditHistoryEntryDto } from './audit-event.mapper';
import { type AuditRow as EntryRow, toChainedEntry } from '../chain/audit-row';

const isSeqKey = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

const SELECT_ENTRIES = `SELECT seq, occurred_at, actor_id, actor_username, action, entity_type, entity_id, before, after,
                               request_id, client_ip, prev_hash, hash
                          FROM audit_entries`;

/**
 * Reads of the audit chain, oldest first with a keyset cursor on seq. Each filter has an index
 * that ends in seq, so a page is one index range scan: ix_audit_entries_entity (entity_type,
 * entity_id, seq), ix_audit_entries_actor (actor_id, seq), ix_audit_entries_action (action,
 * seq); a time range alone is served by ix_audit_entries_occurred_at or pk_audit_entries.
 */
@Injectable()
export class AuditEventsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: AuditEventSearchQuery): Promise<Page<AuditEventDto>> {
    if (query.entityId !== undefined && query.entityType === undefined) {
      throw new ValidationFailedError([{ field: 'entityId', message: msg('field.entityIdNeedsType', 'entityId') }]);
    }
    const from = query.from === undefined ? undefined : new Date(query.from);
    const to = query.to === undefined ? undefined : new Date(query.to);
    if (from && to && from.getTime() > to.getTime()) {
      throw new ValidationFailedError([{ field: 'to', message: msg('field.before', 'to', 'from') }]);
    }
    const conditions: Array<[string, unknown]> = [];
    if (query.entityType !== undefined) conditions.push(['entity_type =', query.entityType]);
    if (query.entityId !== undefined) conditions.push(['entity_id =', query.entityId]);
    if (query.actorId !== undefined) conditions.push(['actor_id =', query.actorId]);
    if (query.action !== undefined) conditions.push(['action =', query.action]);
    if (from) conditions.push(['occurred_at >=', from.toISOString()]);
    if (to) conditions.push(['occurred_at <', to.toISOString()]);
    return this.page(conditions, query, toAuditEventDto);
  }

  /** Every entry about one record, each with the field-level difference it made. */
  async history(entityType: string, entityId: string, query: AuditHistoryQuery): Promise<Page<AuditHistoryEntryDto>> {
    const page = await this.page(
      [
        ['entity_type =', entityType],
        ['entity_id =', entityId],
      ],
      query,
      toAuditHistoryEntryDto,
    );
    if (query.proof === 'true') await this.attachProofs(page.items);
    return page;
  }

  /**
   * Each entry's inclusion proof against the latest signed checkpoint, all read in one query;
   * null for an entry the checkpoint does not cover yet (or when nothing has been signed).
   */
  private async attachProofs(items: AuditHistoryEntryDto[]): Promise<void> {
    const [checkpoint] = (await this.dataSource.query(
      'SELECT seq, root_hash FROM audit_checkpoints WHERE root_hash IS NOT NULL ORDER BY seq DESC LIMIT 1',
    )) as Array<{ seq: string; root_hash: string }>;
    const treeSize = checkpoint ? Number(checkpoint.seq) : 0;
    const covered = items.filter((item) => item.seq <= treeSize);
    const proofs = await inclusionProofs(
      this.dataSource,
      covered.map((item) => item.seq - 1),
      treeSize,
    );
    for (const item of items) item.proof = null;
    covered.forEach((item, index) => {
      const proof = proofs[index];
      item.proof = {
        treeSize,
        leafIndex: item.seq - 1,
        leafHash: proof.leafHash.toString('hex'),
        rootHash: checkpoint.root_hash,
        proof: proof.proof.map((hash) => hash.toString('hex')),
      };
    });
  }

  private async page<T>(conditions: Array<[string, unknown]>, query: PageQuery, map: (entry: ChainedEntry) => T): Promise<Page<T>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isSeqKey);
    const all: Array<[string, unknown]> = after === undefined ? conditions : [...conditions, ['seq >', after]];
    const params = all.map(([, value]) => value);
    const where = all.length > 0 ? `WHERE ${all.map(([condition], index) => `${condition} $${index + 1}`).join(' AND ')}` : '';
    const rows = (await this.dataSource.query(`${SELECT_ENTRIES} ${where} ORDER BY seq LIMIT $${params.length + 1}`, [
      ...params,
      limit + 1,
    ])) as EntryRow[];
    return toPage(rows, limit, (row) => map(toChainedEntry(row)), (row) => Number(row.seq));
  }
}
