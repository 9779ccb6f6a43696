import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { decodeCursor, isInstantIdKey, DEFAULT_PAGE_SIZE, type Page, type PageQuery, toPage } from '../common/pagination';
import type { TransferDto } from './transfer.dto';
import { TransferEntity } from './transfer.entity';
import { toTransferDto } from './transfer.mapper';

type Key = [string, string];
const isKey = (value: unknown): value is Key =>
  isInstantIdKey(value);

@Injectable()
export class TransfersQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<TransferDto> {
    const transfer = await this.dataSource.getRepository(TransferEntity).findOneBy({ id });
    if (!transfer) throw new NotFoundError('transfer', id);
    return toTransferDto(transfer);
  }

  /** Oldest first: the weapon's chain of custody in the order it happened (served by ix_transfers_weapon). */
  async ofWeapon(weaponId: string, query: PageQuery): Promise<Page<TransferDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isKey);
    const qb = this.dataSource
      .getRepository(TransferEntity)
      .createQueryBuilder('t')
      .where('t.weapon_id = :weaponId', { weaponId });
    if (after) qb.andWhere('(t.recorded_at, t.id) > (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb.orderBy('t.recorded_at', 'ASC').addOrderBy('t.id', 'ASC').take(limit + 1).getMany();
    return toPage(rows, limit, toTransferDto, (row) => [row.recordedAt.toISOString(), row.id]);
  }
}
