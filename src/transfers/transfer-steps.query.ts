import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TRANSFER_STEPS_OF_WEAPON_SQL } from './transfer-steps.sql';

/** One change of holder of a weapon, as the chain of custody needs it. */
export interface TransferStep {
  id: string;
  fromOwnerId: string;
  /** Null for an export: the weapon left the country and the registry's custody. */
  toOwnerId: string | null;
  kind: string;
  /** YYYY-MM-DD */
  date: string;
}

interface TransferStepRow {
  id: string;
  from_owner_id: string;
  to_owner_id: string | null;
  kind: string;
  date: string;
}

/** What other modules (trace) read of a weapon's transfers: its custody steps, in one indexed read. */
@Injectable()
export class TransferStepsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ofWeapon(weaponId: string): Promise<TransferStep[]> {
    const rows = (await this.dataSource.query(TRANSFER_STEPS_OF_WEAPON_SQL, [weaponId])) as TransferStepRow[];
    return rows.map((row) => ({ id: row.id, fromOwnerId: row.from_owner_id, toOwnerId: row.to_owner_id, kind: row.kind, date: row.date }));
  }
}
