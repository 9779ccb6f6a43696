import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { decodeCursor, isInstantIdKey, DEFAULT_PAGE_SIZE, type Page, toPage } from '../common/pagination';
import { CorrectionEntity } from './correction.entity';
import type { CorrectionDto, CorrectionQuery } from './correction.dto';
import { MarkingsService } from './markings.service';
import { toCorrectionDto, toWeaponDto } from './registry.mapper';
import { foldConfusables, normaliseSerial } from './serial';
import { WeaponStatus } from './weapon-status';
import type { WeaponDto, WeaponQuery } from './weapon.dto';
import { WeaponEntity } from './weapon.entity';

type Key = [string, string];
const isKey = (value: unknown): value is Key =>
  isInstantIdKey(value);

@Injectable()
export class WeaponsQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly markings: MarkingsService,
  ) {}

  async get(id: string): Promise<WeaponDto> {
    const weapon = await this.dataSource.getRepository(WeaponEntity).findOneBy({ id });
    if (!weapon) throw new NotFoundError('weapon', id);
    return toWeaponDto(weapon);
  }

  /**
   * Filters are ANDed; each is served by an index on (column, registered_at, id), but the serial
   * (ix_weapons_serial_confusable) and an active status (the index holds the other statuses:
   * active weapons are nearly all, read in order from ix_weapons_registered).
   */
  async list(query: WeaponQuery): Promise<Page<WeaponDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isKey);
    const qb = this.dataSource.getRepository(WeaponEntity).createQueryBuilder('w');
    if (query.serial !== undefined) {
      // serial_confusable is a function of serial_normalized: equal serials have equal folds,
      // so its index (ix_weapons_serial_confusable) finds them and the second test keeps the exact ones.
      const serial = normaliseSerial(query.serial);
      qb.andWhere('w.serial_confusable = :folded AND w.serial_normalized = :serial', { folded: foldConfusables(serial), serial });
    }
    if (query.make !== undefined || query.calibre !== undefined || query.type !== undefined) {
      const identity = this.markings.canonicalise({
        make: query.make ?? 'x',
        calibre: query.calibre ?? 'x',
        type: query.type ?? 'other',
      });
      if (query.make !== undefined) qb.andWhere('w.make_key = :makeKey', { makeKey: identity.makeKey });
      if (query.calibre !== undefined) qb.andWhere('w.calibre = :calibre', { calibre: identity.calibre });
      if (query.type !== undefined) qb.andWhere('w.type = :type', { type: identity.type });
    }
    if (query.status !== undefined) qb.andWhere('w.status = :status', { status: query.status });
    if (query.holderId !== undefined) qb.andWhere('w.holder_id = :holderId', { holderId: query.holderId });
    if (query.district !== undefined) qb.andWhere('w.district = :district', { district: query.district });
    if (after) qb.andWhere('(w.registered_at, w.id) > (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb.orderBy('w.registered_at', 'ASC').addOrderBy('w.id', 'ASC').take(limit + 1).getMany();
    return toPage(rows, limit, toWeaponDto, (row) => [row.registeredAt.toISOString(), row.id]);
  }

  /** The weapons an owner holds now (an exported weapon has left the country and the registry's custody). */
  async heldBy(ownerId: string, query: { limit?: number; cursor?: string }): Promise<Page<WeaponDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isKey);
    const qb = this.dataSource
      .getRepository(WeaponEntity)
      .createQueryBuilder('w')
      .where('w.holder_id = :ownerId', { ownerId })
      .andWhere('w.status <> :exported', { exported: WeaponStatus.Exported });
    if (after) qb.andWhere('(w.registered_at, w.id) > (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb.orderBy('w.registered_at', 'ASC').addOrderBy('w.id', 'ASC').take(limit + 1).getMany();
    return toPage(rows, limit, toWeaponDto, (row) => [row.registeredAt.toISOString(), row.id]);
  }

  async correction(id: string): Promise<CorrectionDto> {
    const correction = await this.dataSource.getRepository(CorrectionEntity).findOneBy({ id });
    if (!correction) throw new NotFoundError('correction', id);
    return toCorrectionDto(correction);
  }

  async corrections(query: CorrectionQuery): Promise<Page<CorrectionDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isKey);
    const qb = this.dataSource.getRepository(CorrectionEntity).createQueryBuilder('c');
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (after) qb.andWhere('(c.proposed_at, c.id) > (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb.orderBy('c.proposed_at', 'ASC').addOrderBy('c.id', 'ASC').take(limit + 1).getMany();
    return toPage(rows, limit, toCorrectionDto, (row) => [row.proposedAt.toISOString(), row.id]);
  }
}
