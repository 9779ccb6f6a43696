import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '../common/request-context';
import { copyRows } from '../database/copy-rows';
import { copyRow } from '../database/copy-text';
import { chainBatch, type ChainedText, chainRendered, type RenderedInput, renderInput } from './audit-batch';
import { type ChainedEntry, GENESIS_HASH } from './audit-chain';
import { AUDIT_ENTRY_COLUMNS, entryColumnValues, INSERT_ENTRY_SQL, insertEntryValues } from './audit-row';
import { ChainCheck, type ChainReport, type CheckpointKey, type SegmentReport } from './audit-chain-check';
import { type SignedCheckpoint } from './audit-checkpoint.signing';
import { checkSegment, type IsoRow, rowFromIso, SEGMENT_SIZE, SEGMENT_SQL_ISO } from './audit-verify.segment';
import { VERIFY_WORKERS, VerifyWorkerPool } from './audit-verify.workers';

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

/** A part of the chain by seq, both ends included; an absent end is the chain's start or its head. */
export interface SeqRange {
  from?: number;
  to?: number;
}

/** Signed checkpoints to hold the chain against while it is recomputed. */
export interface CheckpointSource {
  key: CheckpointKey;
  /** Checkpoints with afterSeq < seq <= toSeq, in any order. */
  between(afterSeq: number, toSeq: number, manager?: EntityManager): Promise<SignedCheckpoint[]>;
}

/** An entry of appendMany as one COPY row of AUDIT_ENTRY_COLUMNS; its before and after are canonical JSON text. */
function entryRow(entry: ChainedText, occurredAt: string, actor: AuditActor): string {
  return copyRow(entryColumnValues({ ...entry, ...actor, occurredAt }));
}

/** appendMany renders this many entries at a time, letting the event loop run in between. */
const RENDER_SLICE = 200;

/** Matches Date.prototype.toISOString for the millisecond timestamps append() writes. */
export const ISO_OCCURRED_AT = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

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
    const [entry] = chainBatch({ seq: Number(head.seq), hash: head.hash }, actor, [input], new Date().toISOString());
    await manager.query(INSERT_ENTRY_SQL, insertEntryValues(entry));
    await manager.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [entry.seq, entry.hash]);
    return entry;
  }

  /**
   * Appends `inputs` in order, as consecutive entries of one actor, inside the caller's
   * transaction: the values rendered once as canonical JSON (what is hashed and what is stored),
   * then one head lock, the hashes chained in memory as one COPY sends the entries, and one head
   * update, so a batch of a thousand costs about what a few single appends do.
   *
   * `alongside`, when given, is the caller's own work on the same connection (the change the
   * entries record): it runs in Postgres while the entries are rendered here, and the head is
   * locked only once it is done, so other appends wait for this batch's entries alone, not for
   * its change as well. `inputs` may then be a function, called once that work is under way,
   * so that building the entries overlaps it too; if it returns none, nothing is appended.
   */
  async appendMany(
    manager: EntityManager,
    actor: AuditActor,
    inputs: readonly AuditInput[] | (() => readonly AuditInput[]),
    alongside?: () => Promise<unknown>,
  ): Promise<ChainedText[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.appendMany must run inside a transaction');
    }
    if (typeof inputs !== 'function' && inputs.length === 0) {
      await alongside?.();
      return [];
    }
    const running = alongside?.();
    // Awaited below, after the rendering; until then a failure must not count as unhandled.
    running?.catch(() => undefined);
    const rendered: RenderedInput[] = [];
    try {
      // The event loop runs before the entries are built and between slices of the rendering,
      // so the caller's statements keep moving: a COPY, for one, sends its rows only once
      // Postgres has answered it.
      if (running) await new Promise<void>((resolve) => setImmediate(resolve));
      const list = typeof inputs === 'function' ? inputs() : inputs;
      for (let from = 0; from < list.length; from += RENDER_SLICE) {
        if (running && from > 0) await new Promise<void>((resolve) => setImmediate(resolve));
        for (const input of list.slice(from, from + RENDER_SLICE)) rendered.push(renderInput(input));
      }
    } catch (error) {
      // The caller's statements end before its transaction is rolled back on this connection;
      // that roll-back undoes them, so the rendering error is the one to report.
      await running?.catch(() => undefined);
      throw error;
    }
    await running;
    if (rendered.length === 0) return [];
    const [head] = (await manager.query('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE')) as Array<{
      seq: string;
      hash: string;
    }>;
    // Taken under the lock, so occurred_at never goes back as seq goes forward.
    const occurredAt = new Date().toISOString();
    const entries: ChainedText[] = [];
    function* chained(): Generator<string> {
      let link = { seq: Number(head.seq), hash: head.hash };
      for (const input of rendered) {
        const entry = chainRendered(link, actor, input, occurredAt);
        entries.push(entry);
        link = entry;
        yield entryRow(entry, occurredAt, actor);
      }
    }
    // Hashed as they are sent: Postgres stores the first entries while the next are chained.
    await copyRows(manager, 'audit_entries', AUDIT_ENTRY_COLUMNS, chained());
    const last = entries[entries.length - 1];
    await manager.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [last.seq, last.hash]);
    return entries;
  }

  /** The chain's head as `manager`'s snapshot sees it: what a figure computed in that snapshot was computed at. */
  async head(manager: EntityManager): Promise<{ seq: number; hash: string }> {
    const [head] = (await manager.query('SELECT seq, hash FROM audit_head WHERE id = 1')) as Array<{ seq: string; hash: string }>;
    return { seq: Number(head.seq), hash: head.hash };
  }

  /** Recomputes the whole chain; see verifyRange. */
  verify(): Promise<ChainReport> {
    return this.verifyRange();
  }

  /**
   * Recomputes the entries of `range` part by part (flat memory), holding each against the
   * signed checkpoints of `checkpoints`. The range is cut at the head recorded when it starts,
   * so entries appended meanwhile are neither checked nor mistaken for forgeries; when it
   * reaches that head, the last hash must be the head's and no entry may lie beyond it.
   * Large ranges are hashed on worker threads, each reading its parts over its own
   * connection; inside a transaction (`manager`) everything runs on that connection.
   */
  async verifyRange(range: SeqRange = {}, checkpoints?: CheckpointSource, manager?: EntityManager): Promise<ChainReport> {
    const runner = manager ?? this.dataSource;
    const [head] = (await runner.query(
      'SELECT h.seq, h.hash, (SELECT max(seq) FROM audit_entries) AS max_seq FROM audit_head h WHERE h.id = 1',
    )) as Array<{ seq: string; hash: string; max_seq: string | null }>;
    const headSeq = Number(head.seq);
    const from = Math.max(1, range.from ?? 1);
    const to = Math.min(range.to ?? headSeq, headSeq);
    let prevHash = GENESIS_HASH;
    if (from > 1) {
      const [previous] = (await runner.query('SELECT hash FROM audit_entries WHERE seq = $1', [from - 1])) as Array<{ hash: string }>;
      if (!previous) {
        return {
          valid: false,
          checked: 0,
          headSeq: from - 1,
          headHash: GENESIS_HASH,
          firstInvalidSeq: from - 1,
          problem: `entry ${from - 1} is missing, so entry ${from} cannot be linked to it`,
          checkpointsChecked: 0,
        };
      }
      prevHash = previous.hash;
    }
    const check = new ChainCheck({ seq: from, prevHash }, { key: checkpoints?.key, otherKeys: 'hash-only' });
    if (from <= to) {
      const url = manager ? undefined : (this.dataSource.options as { url?: string }).url;
      const pool = url !== undefined && to - from + 1 > 2 * SEGMENT_SIZE ? new VerifyWorkerPool(url) : null;
      try {
        await this.checkParts(check, from, to, checkpoints, manager, pool);
      } finally {
        await pool?.close();
      }
    }
    if (!check.valid) return check.result();
    if (check.lastSeq < to) {
      const missing = check.lastSeq + 1;
      check.fail(missing, missing === to ? `entry ${to} is missing` : `entries ${missing} to ${to} are missing`);
    } else if (to === headSeq) {
      const maxSeq = head.max_seq === null ? 0 : Number(head.max_seq);
      if (check.headHash !== head.hash) {
        check.fail(headSeq, `entry ${headSeq} is not the recorded chain head: its hash is ${check.headHash}, the head records ${head.hash}`);
      } else if (maxSeq > headSeq) {
        check.fail(headSeq + 1, `entry ${headSeq + 1} lies beyond the recorded chain head (${headSeq}): the service did not append it`);
      }
    }
    return check.result();
  }

  /** Parts are read ahead of the one being absorbed, and absorbed strictly in order. */
  private async checkParts(
    check: ChainCheck,
    from: number,
    to: number,
    checkpoints: CheckpointSource | undefined,
    manager: EntityManager | undefined,
    pool: VerifyWorkerPool | null,
  ): Promise<void> {
    const runner = manager ?? this.dataSource;
    const ahead: Array<Promise<SegmentReport>> = [];
    let nextFrom = from;
    const launch = (): void => {
      if (nextFrom > to) return;
      const partFrom = nextFrom;
      const partTo = Math.min(to, partFrom + SEGMENT_SIZE - 1);
      nextFrom = partTo + 1;
      const report = (async (): Promise<SegmentReport> => {
        // The first part also loads the checkpoint on the entry before the range: it signs the starting link.
        const due = checkpoints ? await checkpoints.between(partFrom === from ? partFrom - 2 : partFrom - 1, partTo, manager) : [];
        check.expectCheckpoints(due);
        const hashesAt = due.map((checkpoint) => checkpoint.seq);
        if (pool) return pool.check({ from: partFrom, to: partTo, hashesAt });
        const rows = (await runner.query(SEGMENT_SQL_ISO, [partFrom, partTo])) as IsoRow[];
        return checkSegment(rows.map(rowFromIso), partFrom, partTo, hashesAt);
      })();
      report.catch(() => undefined);
      ahead.push(report);
    };
    for (let index = 0; index < (pool ? 2 * VERIFY_WORKERS : 2); index += 1) launch();
    while (ahead.length > 0) {
      const report = await (ahead.shift() as Promise<SegmentReport>);
      if (!check.absorb(report)) return;
      launch();
    }
  }
}
