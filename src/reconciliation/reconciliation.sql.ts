import { licenceInForceSql } from '../owners/licence-in-force';
import { OWNER_STATUSES } from '../owners/owner-status';
import { FINAL_STATUSES, WeaponStatus } from '../registry/weapon-status';
import { BALLISTICS_GRACE_DAYS, CREATING_ACTIONS, type FindingKind, HELD_STATUSES, SURRENDER_GRACE_DAYS } from './finding-kinds';

/** What every finding query is run with: the run, and the instant and Panama day it checks. */
export interface RunMoment {
  runId: string;
  at: Date;
  day: string;
}

/**
 * One set-based statement per kind: an INSERT … SELECT over the whole registry that returns
 * how many findings it wrote. Kinds read the tables of other modules directly, on purpose:
 * going through their services would mean one query per weapon.
 */
export interface FindingStatement {
  kind: Exclude<FindingKind, 'AUDIT_CHAIN_INVALID'>;
  /** The SELECT that yields (weapon_id, holder_id, evidence); the bench EXPLAINs it alone. */
  select: string;
  params: (moment: RunMoment) => unknown[];
}

const INACTIVE_OWNER_STATUSES = OWNER_STATUSES.filter((status) => status !== 'active');
const { weapon, owner, licence, transfer } = CREATING_ACTIONS;

export const FINDING_STATEMENTS: readonly FindingStatement[] = [
  {
    // The last transfer, in the order transfers were recorded, names who must hold the weapon
    // now: its recipient, or for an export (no recipient) the exporter, who stays on record as
    // the last holder while the weapon is marked exported.
    kind: 'HOLDER_MISMATCH',
    select: `
      SELECT w.id AS weapon_id, w.holder_id,
             jsonb_build_object('lastTransferId', t.id, 'lastTransferKind', t.kind, 'lastTransferDate', t.date,
                                'expectedHolderId', coalesce(t.to_owner_id, t.from_owner_id), 'weaponStatus', w.status) AS evidence
        FROM (SELECT DISTINCT ON (weapon_id) id, weapon_id, kind, date, from_owner_id, to_owner_id
                FROM transfers
               ORDER BY weapon_id DESC, recorded_at DESC, id DESC) t
        JOIN weapons w ON w.id = t.weapon_id
       WHERE w.holder_id <> coalesce(t.to_owner_id, t.from_owner_id)
          OR (t.kind = 'export') <> (w.status = 'exported')`,
    params: () => [],
  },
  {
    kind: 'HOLDER_UNLICENSED',
    select: `
      SELECT w.id AS weapon_id, w.holder_id,
             jsonb_build_object('weaponType', w.type, 'weaponStatus', w.status, 'day', $1::text) AS evidence
        FROM weapons w
       WHERE w.status = ANY($2::text[])
         AND NOT EXISTS (SELECT 1 FROM licences l WHERE l.owner_id = w.holder_id AND ${licenceInForceSql('l', 'w.type', '$1')})`,
    params: ({ day }) => [day, HELD_STATUSES],
  },
  {
    kind: 'HOLDER_INACTIVE',
    select: `
      SELECT w.id AS weapon_id, w.holder_id,
             jsonb_build_object('holderStatus', o.status, 'weaponStatus', w.status) AS evidence
        FROM owners o
        JOIN weapons w ON w.holder_id = o.id
       WHERE o.status = ANY($1::text[])
         AND w.status <> ALL($2::text[])`,
    params: () => [INACTIVE_OWNER_STATUSES, FINAL_STATUSES],
  },
  {
    // Same canonical make and the same serial once look-alike characters are folded
    // (serial_confusable, as trace search compares them), in any status: a destroyed weapon's
    // marking turning up again is as telling as two live ones. Shared folded serials are found
    // first, streaming ix_weapons_serial_confusable in order (no hash of a million groups);
    // the few weapons carrying them are then split by make.
    kind: 'POSSIBLE_DUPLICATE',
    select: `
      SELECT g.id AS weapon_id, g.holder_id,
             jsonb_build_object('makeKey', g.make_key, 'serialConfusable', g.serial_confusable,
                                'otherWeaponIds', to_jsonb(array_remove(g.ids, g.id))) AS evidence
        FROM (SELECT w.id, w.holder_id, w.make_key, w.serial_confusable,
                     array_agg(w.id) OVER (PARTITION BY w.make_key, w.serial_confusable ORDER BY w.id
                                           ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS ids
                FROM (SELECT serial_confusable FROM weapons GROUP BY serial_confusable HAVING count(*) > 1) shared
                JOIN weapons w ON w.serial_confusable = shared.serial_confusable) g
       WHERE cardinality(g.ids) > 1`,
    params: () => [],
  },
  {
    // Served by ix_audit_entries_entity (entity_type, entity_id, seq).
    kind: 'MISSING_AUDIT',
    select: `
      SELECT w.id AS weapon_id, w.holder_id,
             jsonb_build_object('record', 'weapon', 'id', w.id, 'expectedAction', $1::text) AS evidence
        FROM weapons w
       WHERE NOT EXISTS (SELECT 1 FROM audit_entries a
                          WHERE a.entity_type = $2 AND a.entity_id = w.id::text AND a.action = $1)
      UNION ALL
      SELECT NULL, o.id,
             jsonb_build_object('record', 'owner', 'id', o.id, 'expectedAction', $3::text)
        FROM owners o
       WHERE NOT EXISTS (SELECT 1 FROM audit_entries a
                          WHERE a.entity_type = $4 AND a.entity_id = o.id::text AND a.action = $3)
      UNION ALL
      SELECT NULL, l.owner_id,
             jsonb_build_object('record', 'licence', 'id', l.id, 'expectedAction', $5::text)
        FROM licences l
       WHERE NOT EXISTS (SELECT 1 FROM audit_entries a
                          WHERE a.entity_type = $6 AND a.entity_id = l.id::text AND a.action = $5)
      UNION ALL
      SELECT t.weapon_id, coalesce(t.to_owner_id, t.from_owner_id),
             jsonb_build_object('record', 'transfer', 'id', t.id, 'expectedAction', $7::text)
        FROM transfers t
       WHERE NOT EXISTS (SELECT 1 FROM audit_entries a
                          WHERE a.entity_type = $8 AND a.entity_id = t.weapon_id::text AND a.action = $7
                            AND a.after -> 'transfer' ->> 'id' = t.id::text)`,
    params: () => [
      weapon.action,
      weapon.entityType,
      owner.action,
      owner.entityType,
      licence.action,
      licence.entityType,
      transfer.action,
      transfer.entityType,
    ],
  },
  {
    kind: 'MISSING_BALLISTICS',
    select: `
      SELECT w.id AS weapon_id, w.holder_id,
             jsonb_build_object('registeredAt', w.registered_at, 'weaponStatus', w.status) AS evidence
        FROM weapons w
       WHERE w.ballistics IS NULL
         AND w.registered_at < $1::timestamptz - make_interval(days => $2::int)
         AND w.status <> ALL($3::text[])
         AND w.holder_id IS NOT NULL`,
    params: ({ at }) => [at.toISOString(), BALLISTICS_GRACE_DAYS, FINAL_STATUSES],
  },
  {
    // An anonymous amnesty hand-in of a weapon that was active with its holder: no police alert,
    // an administrative follow-up of the holder, for as long as the weapon stays with the State.
    // Served by ix_recovery_items_third_party.
    kind: 'SURRENDERED_BY_THIRD_PARTY',
    select: `
      SELECT w.id AS weapon_id, w.holder_id,
             jsonb_build_object('recoveryId', i.recovery_id, 'item', i.index, 'date', i.date, 'district', i.district,
                                'weaponStatus', w.status) AS evidence
        FROM recovery_items i
        JOIN weapons w ON w.id = i.weapon_id
       WHERE i.anonymous AND i.prior_status = 'active'
         AND w.holder_id IS NOT NULL
         AND w.status = ANY($1::text[])`,
    params: () => [[WeaponStatus.Seized, WeaponStatus.InStateCustody]],
  },
  {
    // An incoming international trace (ITI) still open past its due date: the requesting state
    // is owed an answer. Named by the weapon the queue matched, when it matched one; served by
    // ix_international_traces_open_due.
    kind: 'TRACE_OVERDUE',
    select: `
      SELECT p.weapon_id, NULL::uuid AS holder_id,
             jsonb_build_object('internationalTraceId', it.id, 'state', it.state, 'agencyReference', it.agency_reference,
                                'receivedAt', it.received_at, 'dueAt', it.due_at) AS evidence
        FROM international_traces it
        LEFT JOIN international_trace_packages p ON p.id = it.id
       WHERE it.status = 'open' AND it.direction = 'incoming'
         AND it.due_at < $1::timestamptz`,
    params: ({ at }) => [at.toISOString()],
  },
  {
    // A holder under an active court prohibition still has a weapon in hand SURRENDER_GRACE_DAYS
    // after the order took effect (day >= from + 30: the days from..from+29 are the grace). One finding per weapon,
    // naming the earliest such order. Served by ix_prohibitions_active and ix_weapons_holder.
    kind: 'SURRENDER_OVERDUE',
    select: `
      SELECT DISTINCT ON (w.id) w.id AS weapon_id, w.holder_id,
             jsonb_build_object('prohibitionId', p.id, 'orderRef', p.order_ref, 'court', p.court,
                                'from', p."from", 'weaponStatus', w.status, 'day', $1::text) AS evidence
        FROM prohibitions p
        JOIN owners o ON o.id = p.owner_id AND o.status = 'prohibited'
        JOIN weapons w ON w.holder_id = p.owner_id
       WHERE p.status = 'active'
         AND p."from" + $2::int <= $1::date
         AND w.status = ANY($3::text[])
       ORDER BY w.id, p."from", p.id`,
    params: ({ day }) => [day, SURRENDER_GRACE_DAYS, HELD_STATUSES],
  },
  {
    // A weapon in its holder's hands must carry a holding certificate in force for that holder
    // (Ley 57 de 2011, Art. 31). Found: held weapons whose valid certificate has passed its
    // expiry (`expired`: certificates are not swept to `expired`, they read so), that have
    // none at all (`none`: registered before certificates, or revoked and never reissued), or
    // whose certificate names someone else (`other_holder`). One probe of
    // uq_holding_certificates_valid_weapon per held weapon.
    kind: 'CERTIFICATE_EXPIRED',
    select: `
      SELECT w.id AS weapon_id, w.holder_id,
             jsonb_build_object('reason', CASE WHEN c.id IS NULL THEN 'none'
                                               WHEN c.holder_id <> w.holder_id THEN 'other_holder'
                                               ELSE 'expired' END,
                                'certificateId', c.id, 'certificateNumber', c.number, 'expiresAt', c.expires_at,
                                'weaponStatus', w.status) AS evidence
        FROM weapons w
        LEFT JOIN holding_certificates c ON c.weapon_id = w.id AND c.status = 'valid'
       WHERE w.status = ANY($2::text[])
         AND w.holder_id IS NOT NULL
         AND (c.id IS NULL OR c.holder_id <> w.holder_id OR c.expires_at <= $1::timestamptz)`,
    params: ({ at }) => [at.toISOString(), HELD_STATUSES],
  },
];

/** The statement that stores one kind's findings for a run and returns how many it wrote. */
export function findingInsert(
  statement: FindingStatement,
  moment: RunMoment,
  into = 'reconciliation_findings',
): { sql: string; params: unknown[] } {
  const own = statement.params(moment);
  const run = own.length + 1;
  return {
    sql: `
      WITH found AS (
        INSERT INTO ${into} (run_id, kind, weapon_id, holder_id, evidence)
        SELECT $${run}::uuid, $${run + 1}::text, f.weapon_id, f.holder_id, f.evidence
          FROM (${statement.select}) f
        RETURNING 1
      )
      SELECT count(*)::int AS found FROM found`,
    params: [...own, moment.runId, statement.kind],
  };
}
