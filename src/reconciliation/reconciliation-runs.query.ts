import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { decodeCursor, isInstantIdKey, DEFAULT_PAGE_SIZE, type Page, toPage } from '../common/pagination';
import { FINDING_KINDS, type FindingKind } from './finding-kinds';
import type { FindingDto, FindingsQuery, ReconciliationRunDto, RunsQuery } from './reconciliation.dto';
import { ReconciliationFindingEntity } from './reconciliation-finding.entity';
import { ReconciliationRunEntity } from './reconciliation-run.entity';
import { toFindingDto, toRunDto } from './reconciliation.mapper';

type RunKey = [string, string];
const isRunKey = (value: unknown): value is RunKey =>
  Array.isArray(value) && value.length === 2 && isInstantIdKey(value);

type FindingKey = [FindingKind, string];
const isFindingKey = (value: unknown): value is FindingKey =>
  Array.isArray(value) && value.length === 2 && FINDING_KINDS.includes(value[0] as FindingKind) && isUUID(value[1]);

@Injectable()
export class ReconciliationRunsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<ReconciliationRunDto> {
    return toRunDto(await this.run(id));
  }

  /** Newest first, along ix_reconciliation_runs_created read backwards. */
  async list(query: RunsQuery): Promise<Page<ReconciliationRunDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before = decodeCursor(query.cursor, isRunKey);
    const qb = this.dataSource.getRepository(ReconciliationRunEntity).createQueryBuilder('r');
    if (before) qb.andWhere('(r.created_at, r.id) < (:at, :id)', { at: before[0], id: before[1] });
    const rows = await qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').take(limit + 1).getMany();
    return toPage(rows, limit, toRunDto, (row) => [row.createdAt.toISOString(), row.id]);
  }

  /**
   * A run's findings by kind, then id (ix_reconciliation_findings_run). A run not yet
   * completed has none: its findings appear all at once, when it completes.
   */
  async findings(runId: string, query: FindingsQuery): Promise<Page<FindingDto>> {
    await this.run(runId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isFindingKey);
    const qb = this.dataSource
      .getRepository(ReconciliationFindingEntity)
      .createQueryBuilder('f')
      .where('f.run_id = :runId', { runId });
    if (query.kind !== undefined) qb.andWhere('f.kind = :kind', { kind: query.kind });
    if (after) qb.andWhere('(f.kind, f.id) > (:kindAfter, :idAfter)', { kindAfter: after[0], idAfter: after[1] });
    const rows = await qb.orderBy('f.kind', 'ASC').addOrderBy('f.id', 'ASC').take(limit + 1).getMany();
    return toPage(rows, limit, toFindingDto, (row) => [row.kind, row.id]);
  }

  private async run(id: string): Promise<ReconciliationRunEntity> {
    const run = await this.dataSource.getRepository(ReconciliationRunEntity).findOneBy({ id });
    if (!run) throw new NotFoundError('reconciliationRun', id);
    return run;
  }
}
