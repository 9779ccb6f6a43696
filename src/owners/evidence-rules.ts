import type { EntityManager } from 'typeorm';
import { CARRY_LICENCE_EVIDENCE, type EvidenceKind } from './evidence.entity';
import { type LicenceKind } from './licence-kinds';
import { EVIDENCE_KINDS_IN_FORCE_SQL } from './evidence.sql';
import { EvidenceMissingError } from './owners.errors';

/** The evidence each licence kind needs in force on the day it is issued or renewed. */
export function evidenceNeededFor(kind: LicenceKind): readonly EvidenceKind[] {
  return kind === 'carry' ? CARRY_LICENCE_EVIDENCE : [];
}


/**
 * Throws EVIDENCE_MISSING naming each kind the licence needs that has no evidence in force on
 * `day`; inside the caller's transaction, which holds the owner locked.
 */
export async function assertEvidenceInForce(manager: EntityManager, ownerId: string, kind: LicenceKind, day: string): Promise<void> {
  const needed = evidenceNeededFor(kind);
  if (needed.length === 0) return;
  const rows = (await manager.query(EVIDENCE_KINDS_IN_FORCE_SQL, [ownerId, needed, day])) as Array<{ kind: EvidenceKind }>;
  const present = new Set(rows.map((row) => row.kind));
  const missing = needed.filter((needs) => !present.has(needs));
  if (missing.length > 0) throw new EvidenceMissingError(missing, day);
}
