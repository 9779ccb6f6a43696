import { msg } from '../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ForbiddenError } from '../auth/auth.errors';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { type Principal } from '../auth/principal';
import { ValidationFailedError } from '../common/domain-error';
import { type EvidenceDto } from '../owners/evidence.dto';
import { EvidenceQuery } from '../owners/evidence.query';
import { type LicenceDto } from '../owners/licence.dto';
import { type OwnerDto } from '../owners/owner.dto';
import { OwnersQuery } from '../owners/owners.query';
import { type AccessLogEntryDto } from './access-log.dto';
import { AccessLogQuery } from './access-log.query';
import { SUBJECT_ACCESS_READERS } from './personal-data.roles';
import { SUBJECT_ALERTS_SQL, SUBJECT_TRANSFERS_SQL, SUBJECT_WEAPONS_SQL } from './subject-access.sql';

/** Everything the registry holds about one person (Ley 81 de 2019, right of access). */
export interface SubjectAccessRecord {
  identity: OwnerDto;
  licences: LicenceDto[];
  /** Evidence behind licences: evaluations, tests and certificates, with their validity. */
  evidence: EvidenceDto[];
  weapons: Array<Record<string, unknown> & { heldNow: boolean }>;
  transfers: Array<Record<string, unknown>>;
  alerts: Array<Record<string, unknown>>;
  accessLog: AccessLogEntryDto[];
}

const camel = (row: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()),
      value instanceof Date ? value.toISOString() : value,
    ]),
  );

@Injectable()
export class SubjectAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly owners: OwnersQuery,
    private readonly evidence: EvidenceQuery,
    private readonly accessLog: AccessLogQuery,
  ) {}

  /** Officers, supervisors and admins, within jurisdiction; as a PDF or JSON. */
  async assertMayRequest(requester: Principal, ownerId: string, format: string): Promise<void> {
    if (!requester.roles.some((role) => SUBJECT_ACCESS_READERS.includes(role))) {
      throw new ForbiddenError(msg('auth.subjectAccessReaders'));
    }
    if (format === 'csv') throw new ValidationFailedError([{ field: 'format', message: msg('field.subjectAccessFormat', 'format') }]);
    const owner = await this.owners.get(ownerId);
    assertInJurisdiction(requester, owner.address.district);
  }

  async build(ownerId: string): Promise<SubjectAccessRecord> {
    const identity = await this.owners.get(ownerId);
    const licences = await this.owners.licencesOf(ownerId);
    const [weapons, transfers, alerts] = await this.dataSource.transaction('REPEATABLE READ', async (manager) => [
      (await manager.query(SUBJECT_WEAPONS_SQL, [ownerId])) as Array<Record<string, unknown>>,
      (await manager.query(SUBJECT_TRANSFERS_SQL, [ownerId])) as Array<Record<string, unknown>>,
      (await manager.query(SUBJECT_ALERTS_SQL, [ownerId])) as Array<Record<string, unknown>>,
    ]);
    return {
      identity,
      licences,
      evidence: await this.evidence.listOf(ownerId),
      weapons: weapons.map((row) => camel(row) as Record<string, unknown> & { heldNow: boolean }),
      transfers: transfers.map(camel),
      alerts: alerts.map(camel),
      accessLog: await this.accessLog.all(ownerId),
    };
  }
}
