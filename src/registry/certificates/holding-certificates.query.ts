import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundError } from '../../common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, isInstantIdKey, type Page, toPage } from '../../common/pagination';
import { OwnersQuery } from '../../owners/owners.query';
import type { CertificateCheckDto, CertificateDto, CertifiedWeaponDto } from './holding-certificate.dto';
import { toCertificateDto } from './holding-certificate.mapper';
import {
  CERTIFICATE_BY_ID_SQL,
  CERTIFICATE_BY_NUMBER_SQL,
  CERTIFICATES_OF_WEAPON_SQL,
  EXPIRING_CERTIFICATES_SQL,
  WEAPON_MARKING_SQL,
} from './holding-certificate.sql';
import { type CertificateSqlRow, fromSql, type HoldingCertificateRow } from './holding-certificate.types';

/** A certificate about to expire, as the reminders job needs it. */
export interface ExpiringCertificate {
  id: string;
  number: string;
  holderId: string;
  weaponId: string;
  expiresAt: Date;
  /** The Panama day of expiresAt, YYYY-MM-DD. */
  expiresOn: string;
  /** The weapon's district, which is its holder's; null only if the weapon row is missing. */
  district: string | null;
}

/** A certificate with the weapon's marking and the holder's name: the field check and the printed certificate. */
export type CertificateDocument = CertificateCheckDto;

/** Reads of holding certificates; the table is this module's (src/registry/certificates). */
@Injectable()
export class HoldingCertificatesQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly owners: OwnersQuery,
  ) {}

  /** GET /weapons/:id/certificates: newest first. */
  async ofWeapon(weaponId: string, query: { limit?: number; cursor?: string }): Promise<Page<CertificateDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isInstantIdKey);
    const [weapon] = (await this.dataSource.query('SELECT 1 FROM weapons WHERE id = $1', [weaponId])) as unknown[];
    if (!weapon) throw new NotFoundError('weapon', weaponId);
    const rows = ((await this.dataSource.query(CERTIFICATES_OF_WEAPON_SQL, [weaponId, limit + 1, after?.[0] ?? null, after?.[1] ?? null])) as CertificateSqlRow[]).map(
      fromSql,
    );
    const now = new Date();
    return toPage(rows, limit, (row) => toCertificateDto(row, now), (row) => [row.issuedAt.toISOString(), row.id]);
  }

  /** GET /certificates/:number: the certificate, the weapon's marking and the holder's name. */
  async byNumber(number: string): Promise<CertificateDocument> {
    const [row] = (await this.dataSource.query(CERTIFICATE_BY_NUMBER_SQL, [number])) as CertificateSqlRow[];
    if (!row) throw new NotFoundError('holdingCertificate', number);
    return this.document(fromSql(row));
  }

  /** The certificate by id with its marking and holder (the holding_certificate report); null when none has the id. */
  async documentById(id: string): Promise<CertificateDocument | null> {
    if (!isUUID(id)) return null;
    const [row] = (await this.dataSource.query(CERTIFICATE_BY_ID_SQL, [id])) as CertificateSqlRow[];
    return row ? this.document(fromSql(row)) : null;
  }

  /** Whether a certificate has this id (report params are checked against it). */
  async exists(id: string): Promise<boolean> {
    if (!isUUID(id)) return false;
    const rows = (await this.dataSource.query('SELECT 1 FROM holding_certificates WHERE id = $1', [id])) as unknown[];
    return rows.length > 0;
  }

  /**
   * Valid certificates expiring on the Panama days `from` to `until` (both included, YYYY-MM-DD),
   * soonest first, for the reminders job; in the caller's transaction when `manager` is given.
   * Served by ix_holding_certificates_expiring.
   */
  async expiringBetween(from: string, until: string, manager: EntityManager = this.dataSource.manager): Promise<ExpiringCertificate[]> {
    const rows = (await manager.query(EXPIRING_CERTIFICATES_SQL, [from, until])) as Array<{
      id: string;
      number: string;
      holder_id: string;
      weapon_id: string;
      expires_at: Date;
      district: string | null;
      expires_on: string;
    }>;
    return rows.map((row) => ({
      id: row.id,
      number: row.number,
      holderId: row.holder_id,
      weaponId: row.weapon_id,
      expiresAt: row.expires_at,
      expiresOn: row.expires_on,
      district: row.district,
    }));
  }

  private async document(certificate: HoldingCertificateRow): Promise<CertificateDocument> {
    const [weapon] = (await this.dataSource.query(WEAPON_MARKING_SQL, [certificate.weaponId])) as Array<{
      registry_number: string;
      make: string;
      model: string;
      type: string;
      calibre: string;
      serial_number: string;
      status: string;
    }>;
    const holder = await this.owners.get(certificate.holderId);
    const marking: CertifiedWeaponDto = {
      id: certificate.weaponId,
      registryNumber: weapon.registry_number,
      make: weapon.make,
      model: weapon.model,
      type: weapon.type,
      calibre: weapon.calibre,
      serialNumber: weapon.serial_number,
      status: weapon.status,
    };
    return { ...toCertificateDto(certificate), weapon: marking, holder: { id: holder.id, name: holder.name } };
  }
}
