import { type Message, msg } from '../i18n/message';
import { storedText } from '../i18n/stored-text';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditActor, AuditInput } from '../audit/audit.service';
import { ErrorCode } from '../common/error-code';
import { type CanonicalIdentity, MarkingsService } from './markings.service';
import { holderRefusal, inJurisdiction, markingKey, needsLicence } from './registration-rules';
import { toWeaponDto } from './registry.mapper';
import type { RegisterWeaponDto } from './register-weapon.dto';
import { type NewRegistration, type PreparedWeapon, WeaponRegistrations } from './weapon-registrations.service';

export type { PreparedWeapon } from './weapon-registrations.service';

/** A row of a batch whose fields are valid, identified against the catalogue. */
export interface BatchCandidate {
  row: number;
  input: RegisterWeaponDto;
  /** The holder's identity document: its kind and normalised number. */
  document: { kind: string; key: string };
  identity: CanonicalIdentity;
  serialNormalized: string | null;
}

export interface BatchRejection {
  row: number;
  code: ErrorCode;
  message: string;
}

/** What the registry's rules decided for a batch. */
export interface BatchDecision {
  rejected: BatchRejection[];
  /** Audited refusals (a marking reported lost or stolen), by row: their entries go with the batch's. */
  refusals: Map<number, AuditInput>;
  /** The rows to register, in batch order. */
  accepted: Array<{ row: number; registration: NewRegistration }>;
}

/**
 * The registry's rules of POST /weapons applied to a batch of registrations at once (an
 * import's), with set-based queries: what other modules use instead of the registry's
 * internals. Each call runs in the caller's transaction.
 */
@Injectable()
export class RegistrationBatch {
  constructor(
    private readonly markings: MarkingsService,
    private readonly registrations: WeaponRegistrations,
  ) {}

  /** The checks of a row that need the catalogue: its type, canonical make and calibre, and its serial. Throws ValidationFailedError. */
  identify(input: RegisterWeaponDto): { identity: CanonicalIdentity; serialNormalized: string | null } {
    const identity = this.markings.canonicalise(input);
    const serialNormalized = input.serialNumber ? this.markings.normaliseSerial(input.serialNumber) : null;
    return { identity, serialNormalized };
  }

  /**
   * The holders, licences and markings of the batch in one query each, then each row's fate:
   * rejected (no such owner, outside `jurisdiction`, a holder refusal, a marking already
   * registered or earlier in the batch), refused with an alert and an audit entry (a marking
   * reported lost or stolen: `context(row)` joins that entry), or accepted.
   */
  async decide(
    manager: EntityManager,
    actor: AuditActor,
    candidates: readonly BatchCandidate[],
    jurisdiction: string[] | null,
    context: (row: number) => Record<string, unknown>,
  ): Promise<BatchDecision> {
    const holders = await this.registrations.holdersOfRows(
      manager,
      candidates.map(({ document, identity, input }) => ({
        kind: document.kind,
        key: document.key,
        type: identity.type,
        day: input.acquisition.date,
        needsLicence: needsLicence(input.acquisition.kind),
      })),
    );
    const existing = await this.registrations.existingMarkings(
      manager,
      candidates.flatMap((candidate) =>
        candidate.serialNormalized ? [{ makeKey: candidate.identity.makeKey, serialNormalized: candidate.serialNormalized }] : [],
      ),
    );
    const decision: BatchDecision = { rejected: [], refusals: new Map(), accepted: [] };
    const inBatch = new Map<string, number>();
    for (const [index, candidate] of candidates.entries()) {
      // Stored as a message, read later in the reader's language (stored-text.ts).
      const reject = (code: ErrorCode, message: Message): void =>
        void decision.rejected.push({ row: candidate.row, code, message: storedText([{ label: null, message }]) });
      const found = holders[index];
      if (!found) {
        reject(ErrorCode.NotFound, msg('import.noOwner'));
        continue;
      }
      const { holder, licensed } = found;
      if (!inJurisdiction(jurisdiction, holder.district)) {
        reject(ErrorCode.OutOfJurisdiction, msg('import.outOfJurisdiction', holder.district));
        continue;
      }
      const { input, identity } = candidate;
      const refusal = holderRefusal(
        holder,
        { type: identity.type, acquisitionKind: input.acquisition.kind, acquisitionDate: input.acquisition.date },
        licensed,
      );
      if (refusal) {
        reject(refusal.code, refusal.message);
        continue;
      }
      if (candidate.serialNormalized) {
        const key = markingKey(identity.makeKey, candidate.serialNormalized);
        const earlier = inBatch.get(key);
        if (earlier !== undefined) {
          reject(ErrorCode.DuplicateMarking, msg('weapon.duplicateMarkingInFile', earlier));
          continue;
        }
        const owner = existing.get(key);
        if (owner && this.markings.isReportedMissing(owner)) {
          const attempt = { make: input.make, model: input.model, type: input.type, calibre: input.calibre, serialNumber: input.serialNumber, ownerId: holder.id };
          decision.refusals.set(candidate.row, await this.registrations.refuseReportedMissing(manager, actor, owner, attempt, context(candidate.row)));
          reject(ErrorCode.MarkingReportedStolen, msg('weapon.markingReportedStolen', owner.id, owner.status));
          continue;
        }
        if (owner) {
          reject(ErrorCode.DuplicateMarking, msg('weapon.duplicateMarking', owner.id));
          continue;
        }
        inBatch.set(key, candidate.row);
      }
      input.ownerId = holder.id;
      decision.accepted.push({ row: candidate.row, registration: { input, identity, serialNormalized: candidate.serialNormalized, holder } });
    }
    return decision;
  }

  /** The accepted weapons with their registry numbers, ready to insert (nothing written yet). */
  prepare(manager: EntityManager, accepted: BatchDecision['accepted']): Promise<PreparedWeapon[]> {
    return this.registrations.prepare(
      manager,
      accepted.map((item) => item.registration),
    );
  }

  insert(manager: EntityManager, prepared: readonly PreparedWeapon[], recordedBy: string | null): Promise<void> {
    return this.registrations.insert(manager, prepared, recordedBy);
  }

  /**
   * The `weapon.registered` audit entry of a prepared weapon, with the holding certificate
   * issued with it: a batch's certificates are audited in their weapons' entries, not in one
   * entry each. `after.certificateNumber` names it (unique); the rest is the weapon's own
   * (its holder, issued at registeredAt) or fixed (valid, version 1, expiring
   * CERTIFICATE_VALIDITY_YEARS later). Each byte here is hashed and stored once per imported row.
   */
  registeredEntry(prepared: PreparedWeapon, extra: Record<string, unknown>): AuditInput {
    return {
      action: 'weapon.registered',
      entityType: 'weapon',
      entityId: prepared.weapon.id,
      before: null,
      after: { ...toWeaponDto(prepared.weapon), certificateNumber: prepared.certificate.number, ...extra },
    };
  }
}
