import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditCheckpointsQuery } from '../audit/checkpoints/audit-checkpoints.query';
import { type AuditActor, AuditService } from '../audit/audit.service';
import { type ChainReport } from '../audit/verification/audit-chain-check';
import { panamaDay } from '../common/dates';
import type { JobContext, JobPayloads, JobName } from '../queue/jobs';
import { countsOf, type FindingCounts, type FindingKind } from './finding-kinds';
import { ReconciliationRunEntity } from './reconciliation-run.entity';
import { toRunDto } from './reconciliation.mapper';
import { FINDING_STATEMENTS, findingInsert, type RunMoment } from './reconciliation.sql';

/** A job waits no longer than this for the run's row lock; contention becomes a retry with backoff. */
const LOCK_TIMEOUT = '10s';
/**
 * Memory per sort or hash of the finding queries. The anti-joins against the audit log hash a
 * million entries: at the server's default they spill to disk in batches and take about twice
 * as long. One background connection at a time uses it (the queue runs one background job).
 */
const WORK_MEM = '64MB';

/** Written by the queue on the requester's behalf; the entry carries the asking request's id. */
function queueActor(run: ReconciliationRunEntity): AuditActor {
  return { requestId: run.requestId, clientIp: null, actorId: null, actorUsername: 'queue' };
}

const SCHEDULE_ACTOR: AuditActor = { requestId: null, clientIp: null, actorId: null, actorUsername: 'schedule' };

/**
 * Runs a reconciliation. BullMQ may deliver its job more than once (retries, a worker lost
 * mid-job, a scheduler firing redelivered): every finding is written in the one transaction
 * that also marks the run completed, under the run's row lock, so an attempt that fails
 * leaves nothing behind and an attempt after completion finds nothing to do.
 */
@Injectable()
export class RunReconciliationUseCase {
  private readonly logger = new Logger('Reconciliation');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointsQuery,
  ) {}

  async execute(payload: JobPayloads[JobName.Reconcile], job: JobContext): Promise<{ runId: string | null; status: string }> {
    let runId = payload.runId ?? null;
    try {
      runId ??= await this.runOfFiring(job.jobId);
      if (!(await this.start(runId))) return { runId, status: 'already finished' };
      return { runId, status: await this.reconcile(runId) };
    } catch (error) {
      if (job.finalAttempt && runId) await this.fail(runId, job, error);
      throw error;
    }
  }

  /**
   * BullMQ failed the job without running it (its worker died under it too often): its run, if
   * it has one yet, is recorded as failed. A scheduled firing that never got as far as its run
   * leaves nothing to record.
   */
  async abandoned(payload: JobPayloads[JobName.Reconcile], job: JobContext, reason: string): Promise<void> {
    let runId = payload.runId ?? null;
    if (runId === null && job.jobId) {
      const [firing] = (await this.dataSource.query('SELECT id FROM reconciliation_runs WHERE firing = $1', [job.jobId])) as Array<{ id: string }>;
      runId = firing?.id ?? null;
    }
    if (runId !== null) await this.fail(runId, job, new Error(reason));
  }

  /**
   * The run of a scheduled firing. The scheduler gives each firing its own job id, kept across
   * retries: the first delivery creates the run (audited as requested by the schedule), any
   * later one finds it again through the unique firing.
   */
  private async runOfFiring(firing: string): Promise<string> {
    if (!firing) throw new Error('a scheduled reconciliation job has no job id to key its run on');
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

  /** queued → running, counting the attempt; false when the run is already completed or failed. */
  private async start(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      const run = await manager.findOne(ReconciliationRunEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!run) {
        this.logger.warn(`reconciliation run ${id} does not exist; its job has nothing to do`);
        return false;
      }
      if (run.status === 'completed' || run.status === 'failed') return false;
      run.status = 'running';
      run.attempts += 1;
      run.startedAt ??= new Date();
      await manager.save(run);
      return true;
    });
  }

  private async reconcile(id: string): Promise<string> {
    // The chain is recomputed first, outside the transaction: it reads in parts over connections
    // of its own and writes nothing. It stops at the head it finds, so entries appended while
    // it runs (this run's own among them) are left for the next run.
    const chainStarted = Date.now();
    const chain = await this.audit.verifyRange({}, this.checkpoints);
    const chainMs = Date.now() - chainStarted;

    // One snapshot for every kind: the findings describe the registry at a single instant,
    // however many writes land while the run works.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      await manager.query(`SET LOCAL work_mem = '${WORK_MEM}'`);
      const run = await manager.findOne(ReconciliationRunEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!run || run.status !== 'running') return run?.status ?? 'missing';
      const started = Date.now();
      const [{ now }] = (await manager.query('SELECT now() AS now')) as Array<{ now: Date }>;
      const moment: RunMoment = { runId: id, at: now, day: panamaDay(now) };
      const found: Partial<FindingCounts> = {};
      const durations: Record<string, number> = { AUDIT_CHAIN_INVALID: chainMs };
      for (const statement of FINDING_STATEMENTS) {
        const begun = Date.now();
        const { sql, params } = findingInsert(statement, moment);
        const [row] = (await manager.query(sql, params)) as Array<{ found: number }>;
        found[statement.kind] = row.found;
        durations[statement.kind] = Date.now() - begun;
      }
      found.AUDIT_CHAIN_INVALID = await this.recordChain(manager, id, chain);
      const counted = Date.now();
      const [{ checked }] = (await manager.query('SELECT count(*)::int AS checked FROM weapons')) as Array<{ checked: number }>;
      durations.checked = Date.now() - counted;
      durations.total = chainMs + (Date.now() - started);

      const before = toRunDto(run);
      run.status = 'completed';
      run.finishedAt = new Date();
      run.checked = checked;
      run.findingsByKind = countsOf(found);
      run.auditChain = {
        valid: chain.valid,
        checked: chain.checked,
        headSeq: chain.headSeq,
        firstInvalidSeq: chain.firstInvalidSeq,
        checkpointsChecked: chain.checkpointsChecked,
      };
      run.durationsMs = durations;
      await manager.save(run);
      await this.audit.append(manager, queueActor(run), {
        action: 'reconciliation_run.completed',
        entityType: 'reconciliation_run',
        entityId: run.id,
        before: { status: before.status },
        after: { status: run.status, findingsByKind: run.findingsByKind, checked, auditChainValid: chain.valid },
      });
      this.logger.log(`reconciliation run ${id}: ${checked} weapons checked in ${durations.total} ms, findings ${JSON.stringify(run.findingsByKind)}`);
      return run.status;
    });
  }

  /** At most one finding: the chain breaks once, where the verification stopped. */
  private async recordChain(manager: EntityManager, runId: string, chain: ChainReport): Promise<number> {
    if (chain.valid) return 0;
    const kind: FindingKind = 'AUDIT_CHAIN_INVALID';
    await manager.query(
      `INSERT INTO reconciliation_findings (run_id, kind, weapon_id, holder_id, evidence) VALUES ($1, $2, NULL, NULL, $3::jsonb)`,
      [runId, kind, JSON.stringify({ firstInvalidSeq: chain.firstInvalidSeq, problem: chain.problem, checked: chain.checked })],
    );
    return 1;
  }

  /** The retries are spent: the run is marked failed, in words that name no internals. */
  private async fail(id: string, job: JobContext, error: unknown): Promise<void> {
    this.logger.error(`reconciliation run ${id} failed after ${job.attempt} attempts: ${(error as Error).message}`);
    try {
      await this.dataSource.transaction(async (manager) => {
        const run = await manager.findOne(ReconciliationRunEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!run || run.status === 'completed' || run.status === 'failed') return;
        const before = run.status;
        run.status = 'failed';
        run.failureReason = `The registry could not be reconciled (${job.attempt} attempts). Ask for a new run, or ask the registry desk.`;
        run.finishedAt = new Date();
        await manager.save(run);
        await this.audit.append(manager, queueActor(run), {
          action: 'reconciliation_run.failed',
          entityType: 'reconciliation_run',
          entityId: run.id,
          before: { status: before },
          after: { status: 'failed', attempts: run.attempts, failureReason: run.failureReason },
        });
      });
    } catch (recording) {
      this.logger.error(`could not record the failure of reconciliation run ${id}: ${(recording as Error).message}`);
    }
  }
}
