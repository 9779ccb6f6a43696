import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EXPIRING_LICENCES_SQL } from './expiring-licences.sql';

export interface ExpiringLicence {
  id: string;
  ownerId: string;
  /** The owner's district now. */
  district: string;
  number: string;
  /** YYYY-MM-DD */
  expiresAt: string;
}

/** Licences coming to their last day, for the renewal reminders; suspended ones included (they still expire). */
@Injectable()
export class ExpiringLicences {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async between(firstDay: string, lastDay: string): Promise<ExpiringLicence[]> {
    const rows = (await this.dataSource.query(EXPIRING_LICENCES_SQL, [firstDay, lastDay])) as Array<{
      id: string;
      owner_id: string;
      district: string;
      number: string;
      expires_at: string;
    }>;
    return rows.map((row) => ({ id: row.id, ownerId: row.owner_id, district: row.district, number: row.number, expiresAt: row.expires_at }));
  }
}
