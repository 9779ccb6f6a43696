import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { EntityManager } from 'typeorm';
import type { OwnerStatus } from './owner-status';
import { LICENSED_ROWS_SQL, STANDING_BY_DOCUMENT_SQL, STANDING_BY_ID_SQL } from './holder-standing.sql';

/** A holder as another module's check needs it: who, whether active, and in which district. */
export interface StandingHolder {
  id: string;
  status: OwnerStatus;
  district: string;
}

/** Whether a holder may take a weapon of a type on a day: its status and district, and a licence in force. */
export interface HolderStanding {
  holder: StandingHolder;
  /** A licence in force covers the type on the day (false where none was needed). */
  licensed: boolean;
}

interface WeaponOnDay {
  type: string;
  /** YYYY-MM-DD */
  day: string;
  /** False for an acquisition that needs no licence (a legacy record): the licence is not looked up. */
  needsLicence: boolean;
}

export interface StandingById extends WeaponOnDay {
  ownerId: string;
}

export interface StandingByDocument extends WeaponOnDay {
  /** The id-document kind and its normalised number (id-document.ts). */
  kind: string;
  key: string;
}

export interface LicenceCheck {
  ownerId: string;
  type: string;
  /** YYYY-MM-DD */
  day: string;
}

type StandingRow = StandingHolder & { idx: number; licensed: boolean };

function byRow(count: number, rows: StandingRow[]): Array<HolderStanding | undefined> {
  const found = new Array<HolderStanding | undefined>(count);
  for (const row of rows) {
    found[row.idx - 1] = { holder: { id: row.id, status: row.status, district: row.district }, licensed: row.licensed };
  }
  return found;
}

/**
 * What registry, transfers and imports ask of holders before a weapon reaches one: is this
 * holder active, in which district (for jurisdiction), and licensed for this type on this day.
 * Every method takes many rows and runs one query inside the caller's transaction. Holders
 * are locked FOR SHARE, like HolderChecks.lockOwner: a concurrent status change waits for the
 * caller's commit, so the answer holds until then. The licence rule is licenceInForceSql.
 */
@Injectable()
export class HolderStandingQuery {
  /** By owner id; undefined where no owner has the id. */
  async ofOwners(manager: EntityManager, rows: readonly StandingById[]): Promise<Array<HolderStanding | undefined>> {
    const asked = rows.map((row) => (isUUID(row.ownerId) ? row : undefined));
    const known = asked.filter((row): row is StandingById => row !== undefined);
    if (known.length === 0) return new Array<HolderStanding | undefined>(rows.length);
    const found = (await manager.query(STANDING_BY_ID_SQL, [
      asked.map((row) => row?.ownerId ?? null),
      asked.map((row) => row?.type ?? null),
      asked.map((row) => row?.day ?? null),
      asked.map((row) => row?.needsLicence ?? false),
    ])) as StandingRow[];
    return byRow(rows.length, found);
  }

  /** By id document; undefined where no owner has the document. */
  async ofDocuments(manager: EntityManager, rows: readonly StandingByDocument[]): Promise<Array<HolderStanding | undefined>> {
    if (rows.length === 0) return [];
    const found = (await manager.query(STANDING_BY_DOCUMENT_SQL, [
      rows.map((row) => row.kind),
      rows.map((row) => row.key),
      rows.map((row) => row.type),
      rows.map((row) => row.day),
      rows.map((row) => row.needsLicence),
    ])) as StandingRow[];
    return byRow(rows.length, found);
  }

  /** The indexes of `checks` that a licence in force covers; no lock. */
  async licensed(manager: EntityManager, checks: readonly LicenceCheck[]): Promise<Set<number>> {
    if (checks.length === 0) return new Set();
    const rows = (await manager.query(LICENSED_ROWS_SQL, [
      checks.map((check) => check.ownerId),
      checks.map((check) => check.type),
      checks.map((check) => check.day),
    ])) as Array<{ idx: number }>;
    return new Set(rows.map((row) => row.idx - 1));
  }
}
