import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { GENESIS_HASH } from '../chain/audit-chain';
import { type CheckpointSource, type SeqRange } from '../log/audit.service';
import { ChainCheck, type ChainReport, type SegmentReport } from './audit-chain-check';
import { TreeNodeMissingError, treeRoots } from '../tree/audit-tree';
import { type Queryable } from '../tree/audit-tree.sql';

/** The chain's report, with the signed checkpoints it was held against (GET /audit/verify). */
export interface VerifyReport extends ChainReport {
  checkpoints: { checked: number; latestTreeSize: number | null };
}
import { checkSegment, type IsoRow, rowFromIso, SEGMENT_SIZE, SEGMENT_SQL_ISO } from './audit-verify.segment';
import { VERIFY_WORKERS, VerifyWorkerPool } from './audit-verify.worker-pool';

/** The one verifier of the stored chain: GET /audit/verify, the signing job and reconciliation all use it. */
@Injectable()
export class AuditChainVerifier {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Recomputes the whole chain; see verifyRange. */
  verify(): Promise<VerifyReport> {
    return this.verifyRange();
  }

  /**
   * Recomputes the entries of `range` part by part (flat memory), holding each against the
   * signed checkpoints of `checkpoints`. The range is cut at the head recorded when it starts,
   * so entries appended meanwhile are neither checked nor mistaken for forgeries; when it
   * reaches that head, the last hash must be the head's and no entry may lie beyond it.
   * Large ranges are hashed on worker threads, each reading its parts over its own
   * connection; inside a transaction (`manager`) everything runs on that connection.
   *
   * With `checkpoints`, the chain is also held against every signed tree head: one whose root
   * disagrees with the tree of the verified entries fails at its seq, and, when the range
   * reaches the head, one beyond the head means the log was cut back: the first missing seq.
   */
  async verifyRange(range: SeqRange = {}, checkpoints?: CheckpointSource, manager?: EntityManager): Promise<VerifyReport> {
    const report = await this.recompute(range, checkpoints, manager);
    const latestTreeSize = checkpoints ? ((await checkpoints.latest(manager))?.seq ?? null) : null;
    const result = { ...report, checkpoints: { checked: report.checkpointsChecked, latestTreeSize } };
    if (!checkpoints || !report.valid) return result;
    const runner = manager ?? this.dataSource;
    const rootProblem = await this.checkRoots(runner, checkpoints, Math.max(1, range.from ?? 1), report.headSeq, manager);
    if (rootProblem) return { ...result, valid: false, firstInvalidSeq: rootProblem.seq, problem: rootProblem.problem };
    if (report.reachedHead) {
      // A checkpoint is stored only once the head has reached it, so one beyond the head as it
      // is now (read after the checkpoints) names entries that were there and are gone.
      const beyond = await checkpoints.from(report.headSeq, manager);
      if (beyond.length > 0) {
        const [now] = (await runner.query('SELECT seq FROM audit_head WHERE id = 1')) as Array<{ seq: string }>;
        const last = beyond[beyond.length - 1];
        if (last.seq > Number(now.seq)) {
          const missing = Number(now.seq) + 1;
          return {
            ...result,
            valid: false,
            firstInvalidSeq: missing,
            problem:
              `the checkpoint at seq ${last.seq} was signed over ${last.seq} entries, but the log now ends at seq ${now.seq}: ` +
              `entries ${missing} to ${last.seq} are missing (the log was cut back)`,
          };
        }
      }
    }
    return result;
  }

  /** Each checkpoint with a root in from..to against the root of the stored tree of its size, whose leaves are the verified entries. */
  private async checkRoots(
    runner: Queryable,
    checkpoints: CheckpointSource,
    from: number,
    to: number,
    manager?: EntityManager,
  ): Promise<{ seq: number; problem: string } | null> {
    const due = (await checkpoints.between(from - 1, to, manager)).filter((checkpoint) => checkpoint.rootHash);
    if (due.length === 0) return null;
    due.sort((a, b) => a.seq - b.seq);
    let roots: Buffer[];
    try {
      roots = await treeRoots(
        runner,
        due.map((checkpoint) => checkpoint.seq),
      );
    } catch (error) {
      if (!(error instanceof TreeNodeMissingError)) throw error;
      return { seq: due[0].seq, problem: `the Merkle tree cannot be recomputed: ${error.message}` };
    }
    for (const [index, checkpoint] of due.entries()) {
      const root = roots[index].toString('hex');
      if (root !== checkpoint.rootHash) {
        return {
          seq: checkpoint.seq,
          problem: `the checkpoint at seq ${checkpoint.seq} signed the root ${checkpoint.rootHash}, but the tree of the entries up to it has the root ${root}`,
        };
      }
    }
    return null;
  }

  private async recompute(range: SeqRange, checkpoints: CheckpointSource | undefined, manager: EntityManager | undefined): Promise<ChainReport & { reachedHead: boolean }> {
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
          reachedHead: false,
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
    if (!check.valid) return { ...check.result(), reachedHead: false };
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
    return { ...check.result(), reachedHead: to === headSeq };
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
