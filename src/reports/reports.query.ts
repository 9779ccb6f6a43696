import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../common/domain-error';
import { mayReadReport, seesAllReports } from '../personal-data/report-access';
import { decodeCursor, isInstantIdKey, DEFAULT_PAGE_SIZE, type Page, toPage } from '../common/pagination';
import type { ReportDto, ReportQuery } from './report.dto';
import { ReportEntity } from './report.entity';
import { toReportDto } from './report.mapper';

type Key = [string, string];
const isKey = (value: unknown): value is Key =>
  Array.isArray(value) && value.length === 2 && isInstantIdKey(value);

@Injectable()
export class ReportsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Another user's report is 404, as if it did not exist (an admin sees all). */
  async get(id: string, reader: Principal): Promise<ReportDto> {
    const report = await this.dataSource.getRepository(ReportEntity).findOneBy({ id });
    if (!report || !mayReadReport(reader, report.requestedBy)) throw new NotFoundError('report', id);
    return toReportDto(report);
  }

  /** Newest first; served by ix_reports_kind, _status or _created, read backwards. */
  async list(query: ReportQuery, reader: Principal): Promise<Page<ReportDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before = decodeCursor(query.cursor, isKey);
    const qb = this.dataSource.getRepository(ReportEntity).createQueryBuilder('r');
    if (!seesAllReports(reader)) qb.andWhere('r.requested_by = :reader', { reader: reader.id });
    if (query.kind !== undefined) qb.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.status !== undefined) qb.andWhere('r.status = :status', { status: query.status });
    if (before) qb.andWhere('(r.created_at, r.id) < (:at, :id)', { at: before[0], id: before[1] });
    const rows = await qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').take(limit + 1).getMany();
    return toPage(rows, limit, toReportDto, (row) => [row.createdAt.toISOString(), row.id]);
  }
}
