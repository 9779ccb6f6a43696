import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '../../common/request-context';
import { copyRows } from '../../database/copy-rows';
import { copyRow } from '../../database/copy-text';
import { chainBatch, type ChainedText, chainRendered, type RenderedInput, renderInput } from '../chain/audit-batch';
import { type ChainedEntry } from '../chain/audit-chain';
import { AUDIT_ENTRY_COLUMNS, entryColumnValues, INSERT_ENTRY_SQL, insertEntryValues } from '../chain/audit-row';
import { type CheckpointKey } from '../verification/audit-chain-check';
import { AuditChainVerifier, type VerifyReport } from '../verification/audit-chain.verifier';
import { appendToTree } from '../tree/audit-tree';
import { type SignedCheckpoint } from '../checkpoints/audit-checkpoint.signing';

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

/** A signed checkpoint as the chain is held against it; rootHash is null on checkpoints signed before the tree. */
export interface HeldCheckpoint extends SignedCheckpoint {
  rootHash: string | null;
}

/** Signed checkpoints to hold the chain against while it is recomputed. */
export interface CheckpointSource {
  key: CheckpointKey;
  /** Checkpoints with afterSeq < seq <= toSeq, in any order. */
  between(afterSeq: number, toSeq: number, manager?: EntityManager): Promise<HeldCheckpoint[]>;
  /** Checkpoints with seq > afterSeq, oldest first. */
  from(afterSeq: number, manager?: EntityManager): Promise<HeldCheckpoint[]>;
  latest(manager?: EntityManager): Promise<HeldCheckpoint | null>;
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
  constructor(private readonly verifier: AuditChainVerifier) {}

  /**
   * Appends one entry inside the caller's transaction. The head row lock serialises appends,
   * so seq has no gaps and the entry commits or rolls back with the change it records, and
   * so does the entry's leaf in the Merkle tree (the nodes it completes).
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
    await appendToTree(manager, Number(head.seq), head.hash, [entry.hash]);
    await manager.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [entry.seq, entry.hash]);
    return entry;
  }

  /**
   * Appends `inputs` in order, as consecutive entries of one actor, inside the caller's
   * transaction: the values rendered once as canonical JSON (what is hashed and what is stored),
   * then one head lock, the hashes chained in memory as one COPY sends the entries, the tree
   * nodes they complete computed in one pass and stored with one insert, and one head update, so a batch of a thousand costs about what a few single appends do.
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
    await appendToTree(
      manager,
      Number(head.seq),
      head.hash,
      entries.map((entry) => entry.hash),
    );
    const last = entries[entries.length - 1];
    await manager.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [last.seq, last.hash]);
    return entries;
  }

  /** The chain's head as `manager`'s snapshot sees it: what a figure computed in that snapshot was computed at. */
  async head(manager: EntityManager): Promise<{ seq: number; hash: string }> {
    const [head] = (await manager.query('SELECT seq, hash FROM audit_head WHERE id = 1')) as Array<{ seq: string; hash: string }>;
    return { seq: Number(head.seq), hash: head.hash };
  }

  /** Recomputes the whole chain; see AuditChainVerifier.verifyRange. */
  verify(): Promise<VerifyReport> {
    return this.verifier.verifyRange();
  }

  /** See AuditChainVerifier.verifyRange. */
  verifyRange(range: SeqRange = {}, checkpoints?: CheckpointSource, manager?: EntityManager): Promise<VerifyReport> {
    return this.verifier.verifyRange(range, checkpoints, manager);
  }
}
