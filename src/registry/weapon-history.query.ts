import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toWeaponEventDto } from './registry.mapper';
import type { WeaponEventDto } from './weapon-event.dto';
import { WeaponEventEntity } from './weapon-event.entity';
import { PENDING_CORRECTIONS_OF_WEAPON_SQL } from './weapon-history.sql';

/** What other modules (trace) read of a weapon's history: its events and its corrections waiting for a decision. */
@Injectable()
export class WeaponHistoryQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every event, in the order it happened (ix_weapon_events_weapon). */
  async eventsOf(weaponId: string): Promise<WeaponEventDto[]> {
    const events = await this.dataSource.getRepository(WeaponEventEntity).find({
      where: { weaponId },
      order: { occurredAt: 'ASC', recordedAt: 'ASC', id: 'ASC' },
    });
    return events.map(toWeaponEventDto);
  }

  async pendingCorrections(weaponId: string): Promise<number> {
    const [row] = (await this.dataSource.query(PENDING_CORRECTIONS_OF_WEAPON_SQL, [weaponId])) as Array<{ pending: number }>;
    return row.pending;
  }
}
