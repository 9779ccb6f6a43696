import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, isInstantIdKey, type Page, toPage } from '../common/pagination';
import type { InternationalTraceQuery } from './international-trace.dto';
import type { InternationalTraceDto } from './international-trace-response.dto';
import { InternationalTraceEntity, TracePackageEntity } from './international-trace.entity';
import { toInternationalTraceDto } from './international-trace.mapper';

@Injectable()
export class InternationalTracesQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<InternationalTraceDto> {
    const trace = await this.dataSource.getRepository(InternationalTraceEntity).findOneBy({ id });
    if (!trace) throw new NotFoundError('internationalTrace', id);
    const pack = await this.dataSource.getRepository(TracePackageEntity).findOneBy({ id });
    return toInternationalTraceDto(trace, pack);
  }

  /**
   * Newest first, walking (created_at, id) on ix_international_traces_direction_status or
   * _created; overdue ones (incoming, open, past due) through ix_international_traces_open_due.
   */
  async list(query: InternationalTraceQuery): Promise<Page<InternationalTraceDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isInstantIdKey);
    const builder = this.dataSource.getRepository(InternationalTraceEntity).createQueryBuilder('t');
    if (query.direction !== undefined) builder.andWhere('t.direction = :direction', { direction: query.direction });
    if (query.status !== undefined) builder.andWhere('t.status = :status', { status: query.status });
    if (query.overdue === true) {
      builder.andWhere(`t.direction = 'incoming' AND t.status = 'open' AND t.due_at < now()`);
    } else if (query.overdue === false) {
      builder.andWhere(`NOT (t.direction = 'incoming' AND t.status = 'open' AND t.due_at IS NOT NULL AND t.due_at < now())`);
    }
    if (after) builder.andWhere('(t.created_at, t.id) < (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
    const rows = await builder.orderBy('t.created_at', 'DESC').addOrderBy('t.id', 'DESC').limit(limit + 1).getMany();
    const packs = rows.length === 0 ? [] : await this.dataSource.getRepository(TracePackageEntity).findBy({ id: In(rows.map((row) => row.id)) });
    const byId = new Map(packs.map((pack) => [pack.id, pack]));
    return toPage(rows, limit, (row) => toInternationalTraceDto(row, byId.get(row.id) ?? null), (row) => [row.createdAt.toISOString(), row.id]);
  }
}
