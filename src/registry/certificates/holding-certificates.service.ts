import { Inject, Injectable } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { timeOrderedId } from '../../database/time-ordered-id';
import type { EntityManager } from 'typeorm';
import { type AuditActor, type AuditInput, AuditService } from '../../audit/audit.service';
import { panamaDay } from '../../common/dates';
import { certificatesConfig } from '../../config';
import { copyRows } from '../../database/copy-rows';
import { copyRow } from '../../database/copy-text';
import { toCertificateDto } from './holding-certificate.mapper';
import {
  CERTIFICATE_COPY_COLUMN_NAMES,
  certificateCopyRows,
  END_VALID_SQL,
  HAS_VALID_SQL,
  RESERVE_CERTIFICATE_NUMBERS_SQL,
} from './holding-certificate.sql';
import { type CertificateSqlRow, expiryOf, formatCertificateNumber, fromSql, type HoldingCertificateRow } from './holding-certificate.types';

export const CERTIFICATE_ENTITY = 'certificate';

/** A weapon and the holder it is certified to. */
export interface Holding {
  weaponId: string;
  holderId: string;
}

/**
 * Why a weapon's certificate is revoked: it left its holder for good. `exported` (a transfer
 * abroad), `surrendered` (handed to the State, by event or in a recovery), `forfeited` (given
 * to the State by court order), `destroyed` and `deactivated` (final). Lost, stolen and seized
 * weapons keep theirs: each may come back to the same holder (`returned`).
 */
export type RevocationReason = 'exported' | 'surrendered' | 'forfeited' | 'destroyed' | 'deactivated';

/**
 * Issues, supersedes and revokes holding certificates inside the caller's transaction: what
 * registrations, transfers, events and imports call, so that a weapon's custody and its
 * certificate always change together. Every method covers many weapons with a fixed number of
 * statements. Changes are audited as `holding_certificate` entries, except an import's
 * issues, which its `weapon.registered` entries carry (`after.certificate`): a second entry
 * per row would double the hashing of the chain for the largest writes the registry takes.
 */
@Injectable()
export class HoldingCertificates {
  constructor(
    @Inject(certificatesConfig.KEY) private readonly config: ConfigType<typeof certificatesConfig>,
    private readonly audit: AuditService,
  ) {}

  /** The certificates of these holdings, numbered (one statement) but not yet written. */
  async prepare(manager: EntityManager, holdings: readonly Holding[], issuedAt: Date): Promise<HoldingCertificateRow[]> {
    if (holdings.length === 0) return [];
    const numbers = (await manager.query(RESERVE_CERTIFICATE_NUMBERS_SQL, [holdings.length])) as Array<{ n: string }>;
    const year = Number(panamaDay(issuedAt).slice(0, 4));
    const expiresAt = expiryOf(issuedAt, this.config.validityYears);
    return holdings.map(({ weaponId, holderId }, index) => ({
      id: timeOrderedId(issuedAt.getTime()),
      number: formatCertificateNumber(year, numbers[index].n),
      weaponId,
      holderId,
      issuedAt,
      expiresAt,
      status: 'valid',
      supersededBy: null,
      endedAt: null,
      endedReason: null,
      version: 1,
      createdAt: issuedAt,
      updatedAt: issuedAt,
    }));
  }

  /** Writes prepared certificates in one COPY. */
  async insert(manager: EntityManager, certificates: readonly HoldingCertificateRow[]): Promise<void> {
    if (certificates.length === 0) return;
    await copyRows(manager, 'holding_certificates', CERTIFICATE_COPY_COLUMN_NAMES, certificateRows(certificates));
  }

  /** Issues and audits a certificate for each holding (weapons that have no valid one yet). */
  async issue(manager: EntityManager, actor: AuditActor, holdings: readonly Holding[], cause: Record<string, unknown>): Promise<HoldingCertificateRow[]> {
    const issued = await this.prepare(manager, holdings, new Date());
    await this.insert(manager, issued);
    await this.audit.appendMany(manager, actor, issued.map((certificate) => issuedEntry(certificate, cause)));
    return issued;
  }

  /** A weapon back in its holder's hands: a certificate is issued unless a valid one remains (it was only seized). */
  async issueUnlessValid(manager: EntityManager, actor: AuditActor, holding: Holding, cause: Record<string, unknown>): Promise<HoldingCertificateRow | null> {
    const valid = (await manager.query(HAS_VALID_SQL, [holding.weaponId])) as unknown[];
    if (valid.length > 0) return null;
    const [issued] = await this.issue(manager, actor, [holding], cause);
    return issued;
  }

  /**
   * A weapon passes to `holderId` (a transfer, a renewal): its valid certificate, if any, is
   * superseded by a new one, both audited. Returns the new certificate.
   */
  async reissue(
    manager: EntityManager,
    actor: AuditActor,
    holding: Holding,
    reason: 'transferred' | 'renewed',
    cause: Record<string, unknown>,
  ): Promise<HoldingCertificateRow> {
    const [next] = await this.prepare(manager, [holding], new Date());
    const ended = await this.end(manager, [holding.weaponId], 'superseded', [next.id], reason, next.issuedAt);
    await this.insert(manager, [next]);
    await this.audit.appendMany(manager, actor, [
      ...ended.map((old) => endedEntry('certificate.superseded', old)),
      issuedEntry(next, { ...cause, reason, supersedes: ended[0]?.id ?? null }),
    ]);
    return next;
  }

  /** The weapons left their holders for good: their valid certificates are revoked and audited. */
  async revoke(manager: EntityManager, actor: AuditActor, weaponIds: readonly string[], reason: RevocationReason): Promise<HoldingCertificateRow[]> {
    if (weaponIds.length === 0) return [];
    const ended = await this.end(manager, weaponIds, 'revoked', weaponIds.map(() => null), reason, new Date());
    await this.audit.appendMany(manager, actor, ended.map((old) => endedEntry('certificate.revoked', old)));
    return ended;
  }

  private async end(
    manager: EntityManager,
    weaponIds: readonly string[],
    status: 'superseded' | 'revoked',
    successors: ReadonlyArray<string | null>,
    reason: string,
    at: Date,
  ): Promise<HoldingCertificateRow[]> {
    const rows = (await manager.query(END_VALID_SQL, [weaponIds, status, successors, reason, at])) as [CertificateSqlRow[], number] | CertificateSqlRow[];
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const list = Array.isArray(rows[0]) ? (rows[0] as CertificateSqlRow[]) : (rows as CertificateSqlRow[]);
    return list.map(fromSql);
  }
}

function* certificateRows(certificates: readonly HoldingCertificateRow[]): Generator<string> {
  for (const fields of certificateCopyRows(certificates)) yield copyRow(fields);
}

/** The `certificate.issued` entry of a new certificate; `cause` names what issued it. */
export function issuedEntry(certificate: HoldingCertificateRow, cause: Record<string, unknown>): AuditInput {
  return {
    action: 'certificate.issued',
    entityType: CERTIFICATE_ENTITY,
    entityId: certificate.id,
    before: null,
    after: { ...toCertificateDto(certificate), cause },
  };
}

function endedEntry(action: string, ended: HoldingCertificateRow): AuditInput {
  const after = toCertificateDto(ended);
  return {
    action,
    entityType: CERTIFICATE_ENTITY,
    entityId: ended.id,
    // A certificate changes once only (valid to superseded or revoked): before that, it was as issued.
    before: { ...after, status: 'valid', supersededBy: null, endedAt: null, endedReason: null, version: ended.version - 1, updatedAt: after.createdAt },
    after: { ...after, reason: ended.endedReason },
  };
}
