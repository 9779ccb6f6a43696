import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { AuditCheckpointsQuery } from '../audit/checkpoints/audit-checkpoints.query';
import { type AuditActor, AuditService } from '../audit/audit.service';
import { type ChainReport } from '../audit/verification/audit-chain-check';
import { panamaDay } from '../common/dates';
import { TRACKED_LOCK_TIMEOUT } from '../queue/tracked-jobs';
import { countsOf, type FindingCounts, type FindingKind } from './finding-kinds';
import { ReconciliationRunEntity } from './reconciliation-run.entity';
import { toRunDto } from './reconciliation.mapper';
import { FINDING_STATEMENTS, findingInsert, type RunMoment } from './reconciliation.sql';

/**
 * Memory per sort or hash of the finding queries. The anti-joins against the audit log hash a
 * million entries: at the server's default they spill to disk in batches and take about twice
 * as long. One background connection at a time uses it (the queue runs one background job).
 */
const WORK_MEM = '64MB';
/** Where a run's findings wait, in its own session, between the snapshot and the completion. */
const STAGED = 'pg_temp.reconciliation_staged';
/** Tries of the completing transaction when Postgres asks for one (serialisation failure, deadlock). */
const RECORD_TRIES = 5;
const RETRYABLE = new Set(['40001', '40P01']);

const SCHEDULE_ACTOR: AuditActor = { requestId: null, clientIp: null, actorId: null, actorUsername: 'schedule' };

/** What the snapshot found, held until the completion is recorded. */
interface Snapshot {
  checked: number;
  found: FindingCounts;
  durations: Record<string, number>;
}

/**
 * Runs a reconciliation in two transactions on one connection. The first reads every kind in
 * one REPEATABLE READ snapshot (the findings describe the registry at a single instant, however
 * many writes land meanwhile) into a temporary table of the session. The second, at READ
 * COMMITTED, copies them into reconciliation_findings, completes the run and appends its audit
 * entry: it locks the audit head as every write does, which a snapshot transaction could not do
 * while registrations move that head (it would fail with a serialisation error). The findings
 * and the completion still commit together, under the run's row lock, so an attempt that fails
 * leaves nothing behind and an attempt after completion finds nothing to do. The queue's runner
 * (src/queue/tracked-jobs.ts) moves the run to `running` first and records its failure.
 */
@Injectable()
export class RunReconciliationUseCase {
  private readonly logger = new Logger('Reconciliation');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointsQuery,
  ) {}

  /**
   * The run of a scheduled firing. The scheduler gives each firing its own job id, kept across
   * retries: the first delivery creates the run (audited as requested by the schedule), any
   * later one finds it again through the unique firing.
   */
  async runOfFiring(firing: string, create: boolean): Promise<string | null> {
    if (!firing && !create) return null;
    if (!firing) throw new Error('a scheduled reconciliation job has no job id to key its run on');
    if (!create) {
      const [found] = (await this.dataSource.query('SELECT id FROM reconciliation_runs WHERE firing = $1', [firing])) as Array<{ id: string }>;
      return found?.id ?? null;
    }
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO reconciliation_runs (trigger, firing, status, requested_by_username)
         VALUES ('schedule', $1, 'queued', 'schedule')
         ON CONFLICT ON CONSTRAINT uq_reconciliation_runs_firing DO NOTHING
         RETURNING id`,
        [firing],
      )) as Array<{ id: string }>;
      if (inserted.length === 0) {
        const [existing] = (await manager.query('SELECT id FROM reconciliation_runs WHERE firing = $1', [firing])) as Array<{ id: string }>;
        return existing.id;
      }
      const run = await manager.findOneByOrFail(ReconciliationRunEntity, { id: inserted[0].id });
      await this.audit.append(manager, SCHEDULE_ACTOR, {
        action: 'reconciliation_run.requested',
        entityType: 'reconciliation_run',
        entityId: run.id,
        before: null,
        after: toRunDto(run),
      });
      return run.id;
    });
  }

  /** Run by the queue (ReconciliationProcessor) once the run is `running`; resolves with the status reached. */
  async execute(id: string, queue: AuditActor): Promise<string> {
    // The chain is recomputed first, outside the transactions: it reads in parts over connections
    // of its own and writes nothing. It stops at the head it finds, so entries appended while
    // it runs (this run's own among them) are left for the next run.
    const chainStarted = Date.now();
    const chain = await this.audit.verifyRange({}, this.checkpoints);
    const chainMs = Date.now() - chainStarted;

    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const snapshot = await this.readSnapshot(runner, id, chain);
      if (typeof snapshot === 'string') return snapshot;
      snapshot.durations.AUDIT_CHAIN_INVALID = chainMs;
      snapshot.durations.total += chainMs;
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await this.record(runner, id, snapshot, chain, queue);
        } catch (error) {
          const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
          if (!code || !RETRYABLE.has(code) || attempt >= RECORD_TRIES) throw error;
          this.logger.warn(`reconciliation run ${id}: recording its completion met ${code}, trying again (${attempt} of ${RECORD_TRIES})`);
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 50));
        }
      }
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      // The connection goes back to the pool: the staged findings must not go with it.
      await runner.query(`DROP TABLE IF EXISTS ${STAGED}`).catch((error: unknown) => {
        this.logger.warn(`reconciliation run ${id}: staged findings not dropped: ${(error as Error).message}`);
      });
      await runner.release();
    }
  }

  /** Every kind, read in one snapshot into the session's staging table; the run's status when it is not `running`. */
  private async readSnapshot(runner: QueryRunner, id: string, chain: ChainReport): Promise<Snapshot | string> {
    await runner.startTransaction('REPEATABLE READ');
    const manager = runner.manager;
    await manager.query(`SET LOCAL lock_timeout = '${TRACKED_LOCK_TIMEOUT}'`);
    await manager.query(`SET LOCAL work_mem = '${WORK_MEM}'`);
    // Taken by this first statement: every kind below reads the registry as of this instant.
    const run = await manager.findOne(ReconciliationRunEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!run || run.status !== 'running') {
      await runner.rollbackTransaction();
      return run?.status ?? 'missing';
    }
    const started = Date.now();
    await manager.query(`DROP TABLE IF EXISTS ${STAGED}`);
    await manager.query(`CREATE TEMPORARY TABLE reconciliation_staged (LIKE reconciliation_findings INCLUDING DEFAULTS) ON COMMIT PRESERVE ROWS`);
    const [{ now }] = (await manager.query('SELECT now() AS now')) as Array<{ now: Date }>;
    const moment: RunMoment = { runId: id, at: now, day: panamaDay(now) };
    const found: Partial<FindingCounts> = {};
    const durations: Record<string, number> = {};
    for (const statement of FINDING_STATEMENTS) {
      const begun = Date.now();
      const { sql, params } = findingInsert(statement, moment, STAGED);
      const [row] = (await manager.query(sql, params)) as Array<{ found: number }>;
      found[statement.kind] = row.found;
      durations[statement.kind] = Date.now() - begun;
    }
    found.AUDIT_CHAIN_INVALID = await this.stageChain(manager, id, chain);
    const counted = Date.now();
    const [{ checked }] = (await manager.query('SELECT count(*)::int AS checked FROM weapons')) as Array<{ checked: number }>;
    durations.checked = Date.now() - counted;
    await runner.commitTransaction();
    durations.total = Date.now() - started;
    return { checked, found: countsOf(found), durations };
  }

  /** The findings, the run's completion and its audit entry, in one transaction of their own. */
  private async record(runner: QueryRunner, id: string, snapshot: Snapshot, chain: ChainReport, queue: AuditActor): Promise<string> {
    await runner.startTransaction('READ COMMITTED');
    try {
      const manager = runner.manager;
      await manager.query(`SET LOCAL lock_timeout = '${TRACKED_LOCK_TIMEOUT}'`);
      const run = await manager.findOne(ReconciliationRunEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!run || run.status !== 'running') {
        await runner.rollbackTransaction();
        return run?.status ?? 'missing';
      }
      const copying = Date.now();
      await manager.query(`INSERT INTO reconciliation_findings SELECT * FROM ${STAGED}`);
      const recorded = Date.now() - copying;
      const durations: Record<string, number> = { ...snapshot.durations, recorded, total: snapshot.durations.total + recorded };
      const before = toRunDto(run);
      run.status = 'completed';
      run.finishedAt = new Date();
      run.checked = snapshot.checked;
      run.findingsByKind = snapshot.found;
      run.auditChain = {
        valid: chain.valid,
        checked: chain.checked,
        headSeq: chain.headSeq,
        firstInvalidSeq: chain.firstInvalidSeq,
        checkpointsChecked: chain.checkpointsChecked,
      };
      run.durationsMs = durations;
      await manager.save(run);
      await this.audit.append(manager, queue, {
        action: 'reconciliation_run.completed',
        entityType: 'reconciliation_run',
        entityId: run.id,
        before: { status: before.status },
        after: { status: run.status, findingsByKind: run.findingsByKind, checked: snapshot.checked, auditChainValid: chain.valid },
      });
      await runner.commitTransaction();
      this.logger.log(
        `reconciliation run ${id}: ${snapshot.checked} weapons checked in ${durations.total} ms, findings ${JSON.stringify(run.findingsByKind)}`,
      );
      return run.status;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    }
  }

  /** At most one finding: the chain breaks once, where the verification stopped. */
  private async stageChain(manager: EntityManager, runId: string, chain: ChainReport): Promise<number> {
    if (chain.valid) return 0;
    const kind: FindingKind = 'AUDIT_CHAIN_INVALID';
    await manager.query(
      `INSERT INTO ${STAGED} (run_id, kind, weapon_id, holder_id, evidence) VALUES ($1, $2, NULL, NULL, $3::jsonb)`,
      [runId, kind, JSON.stringify({ firstInvalidSeq: chain.firstInvalidSeq, problem: chain.problem, checked: chain.checked })],
    );
    return 1;
  }
}
