import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { decodeCursor, isInstantIdKey, DEFAULT_PAGE_SIZE, type Page, toPage } from '../common/pagination';
import type { TraceRequestDto, TraceRequestQuery } from './trace-request.dto';
import { TraceRequestEntity } from './trace-request.entity';
import { toTraceRequestDto } from './trace-request.mapper';

type Key = [string, string];
const isKey = (value: unknown): value is Key =>
  Array.isArray(value) && value.length === 2 && isInstantIdKey(value);

@Injectable()
export class TraceRequestsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<TraceRequestDto> {
    const request = await this.dataSource.getRepository(TraceRequestEntity).findOneBy({ id });
    if (!request) throw new NotFoundError('traceRequest', id);
    return toTraceRequestDto(request);
  }

  /**
   * The case and agency of the trace request a report answers (the weapon_trace report filed
   * with its answer), or null when the report answers none. Served by uq_trace_requests_report.
   */
  async answeredBy(reportId: string): Promise<{ caseNumber: string; requestingAgency: string } | null> {
    const request = await this.dataSource
      .getRepository(TraceRequestEntity)
      .findOne({ where: { reportId }, select: { id: true, caseNumber: true, requestingAgency: true } });
    return request ? { caseNumber: request.caseNumber, requestingAgency: request.requestingAgency } : null;
  }

  /** Newest first; served by ix_trace_requests_case, _status or _created, read backwards. */
  async list(query: TraceRequestQuery): Promise<Page<TraceRequestDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before = decodeCursor(query.cursor, isKey);
    const qb = this.dataSource.getRepository(TraceRequestEntity).createQueryBuilder('r');
    if (query.caseNumber !== undefined) qb.andWhere('r.case_number = :caseNumber', { caseNumber: query.caseNumber.trim() });
    if (query.status !== undefined) qb.andWhere('r.status = :status', { status: query.status });
    if (before) qb.andWhere('(r.created_at, r.id) < (:at, :id)', { at: before[0], id: before[1] });
    const rows = await qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').take(limit + 1).getMany();
    return toPage(rows, limit, toTraceRequestDto, (row) => [row.createdAt.toISOString(), row.id]);
  }
}
