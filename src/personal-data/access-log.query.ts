import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Role } from '../auth/role.enum';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Page, type PageQuery, toPage } from '../common/pagination';
import { type AccessLogEntryDto } from './access-log.dto';

interface AccessLogRow {
  seq: string;
  at: Date;
  actor_id: string | null;
  actor_username: string;
  roles: Role[] | null;
  action: string;
  purpose: string | null;
  request_id: string | null;
}

const isSeq = (value: unknown): value is string => typeof value === 'string' && /^[1-9]\d{0,18}$/.test(value);

/**
 * Every audit entry that concerns the owner, newest first: served by the partial GIN index
 * ix_audit_entries_owner_subjects (its predicate is repeated here so the planner can use it),
 * then sorted by seq; the cursor is the last seq seen.
 */
const ACCESS_LOG_SQL = `
SELECT e.seq, e.occurred_at AS at, e.actor_id, e.actor_username, u.roles, e.action,
       e.after->>'purpose' AS purpose, e.request_id
  FROM audit_entries e
  LEFT JOIN users u ON u.id = e.actor_id
 WHERE audit_owner_subjects(e.entity_type, e.entity_id, e.after) @> jsonb_build_array($1::text)
   AND (e.entity_type IN ('owner', 'licence', 'transfer') OR e.after ? 'ownerIds')
   AND ($2::bigint IS NULL OR e.seq < $2::bigint)
 ORDER BY e.seq DESC
 LIMIT $3`;

@Injectable()
export class AccessLogQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(ownerId: string, query: PageQuery): Promise<Page<AccessLogEntryDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before = decodeCursor(query.cursor, isSeq);
    const rows = (await this.dataSource.query(ACCESS_LOG_SQL, [ownerId, before ?? null, limit + 1])) as AccessLogRow[];
    return toPage(rows, limit, toAccessLogEntry, (row) => String(row.seq));
  }

  /** The whole log, newest first, for the subject-access report. */
  async all(ownerId: string): Promise<AccessLogEntryDto[]> {
    const rows = (await this.dataSource.query(ACCESS_LOG_SQL, [ownerId, null, 100_000])) as AccessLogRow[];
    return rows.map(toAccessLogEntry);
  }
}

function toAccessLogEntry(row: AccessLogRow): AccessLogEntryDto {
  return {
    at: new Date(row.at).toISOString(),
    actor: { id: row.actor_id, username: row.actor_username, roles: row.roles ?? [] },
    action: row.action,
    purpose: row.purpose,
    requestId: row.request_id,
  };
}
