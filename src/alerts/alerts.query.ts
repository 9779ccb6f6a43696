import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, isInstantIdKey, DEFAULT_PAGE_SIZE, type Page, toPage } from '../common/pagination';
import type { AlertDto, AlertQuery } from './alert.dto';
import { AlertEntity } from './alert.entity';
import { toAlertDto } from './alert.mapper';

type Key = [string, string];
const isKey = (value: unknown): value is Key =>
  Array.isArray(value) && value.length === 2 && isInstantIdKey(value);

@Injectable()
export class AlertsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first; served by ix_alerts_status (with a status) or ix_alerts_raised, read backwards. */
  async list(query: AlertQuery): Promise<Page<AlertDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before = decodeCursor(query.cursor, isKey);
    const qb = this.dataSource.getRepository(AlertEntity).createQueryBuilder('a');
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.source) qb.andWhere('a.source = :source', { source: query.source });
    if (query.weaponId) qb.andWhere('a.weapon_id = :weaponId', { weaponId: query.weaponId });
    if (before) qb.andWhere('(a.raised_at, a.id) < (:at, :id)', { at: before[0], id: before[1] });
    const rows = await qb.orderBy('a.raised_at', 'DESC').addOrderBy('a.id', 'DESC').take(limit + 1).getMany();
    return toPage(rows, limit, toAlertDto, (row) => [row.raisedAt.toISOString(), row.id]);
  }
}
