import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '../common/request-context';
import { ChainedEntry, ChainVerifier, entryHash, jsonNormalise, VerifyResult } from './audit-chain';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Who an entry names when no request is behind it (command-line steps, queue jobs). */
export interface AuditActor {
  requestId: string | null;
  clientIp: string | null;
  actorId: string | null;
  actorUsername: string;
}

export function actorOf(context: RequestContext): AuditActor {
  return {
    requestId: context.requestId,
    clientIp: context.clientIp,
    actorId: context.principal?.id ?? null,
    actorUsername: context.principal?.username ?? 'anonymous',
  };
}

interface AuditRow {
  seq: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_username: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
  client_ip: string | null;
  prev_hash: string;
  hash: string;
}

export function toChainedEntry(row: AuditRow): ChainedEntry {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    actorUsername: row.actor_username,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
    clientIp: row.client_ip,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

const VERIFY_BATCH = 5000;

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one entry inside the caller's transaction. The head row lock serialises appends,
   * so seq has no gaps and the entry commits or rolls back with the change it records.
   */
  async append(manager: EntityManager, actor: AuditActor, input: AuditInput): Promise<ChainedEntry> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.append must run inside a transaction');
    }
    const [head] = (await manager.query('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE')) as Array<{
      seq: string;
      hash: string;
    }>;
    const fields = {
      seq: Number(head.seq) + 1,
      occurredAt: new Date().toISOString(),
      actorId: actor.actorId,
      actorUsername: actor.actorUsername,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      before: jsonNormalise(input.before),
      after: jsonNormalise(input.after),
      requestId: actor.requestId,
      clientIp: actor.clientIp,
    };
    const hash = entryHash(head.hash, fields);
    await manager.query(
      `INSERT INTO audit_entries (seq, occurred_at, actor_id, actor_username, action, entity_type, entity_id,
         before, after, request_id, client_ip, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12, $13)`,
      [
        fields.seq,
        fields.occurredAt,
        fields.actorId,
        fields.actorUsername,
        fields.action,
        fields.entityType,
        fields.entityId,
        JSON.stringify(fields.before),
        JSON.stringify(fields.after),
        fields.requestId,
        fields.clientIp,
        head.hash,
        hash,
      ],
    );
    await manager.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [fields.seq, hash]);
    return { ...fields, prevHash: head.hash, hash };
  }

  /** Recomputes the whole chain in batches (flat memory) and checks it ends at the recorded head. */
  async verify(): Promise<VerifyResult> {
    const verifier = new ChainVerifier();
    let after = 0;
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT seq, occurred_at, actor_id, actor_username, action, entity_type, entity_id, before, after,
                request_id, client_ip, prev_hash, hash
           FROM audit_entries WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [after, VERIFY_BATCH],
      )) as AuditRow[];
      for (const row of rows) {
        if (!verifier.feed(toChainedEntry(row))) return verifier.result();
      }
      if (rows.length < VERIFY_BATCH) break;
      after = Number(rows[rows.length - 1].seq);
    }
    const [head] = (await this.dataSource.query('SELECT seq FROM audit_head WHERE id = 1')) as Array<{ seq: string }>;
    const headSeq = Number(head.seq);
    // The recorded head disagrees with the last entry: entries were removed from, or forged onto, the end.
    if (headSeq !== verifier.lastSeq) verifier.fail(Math.min(headSeq, verifier.lastSeq) + 1);
    return verifier.result();
  }
}
