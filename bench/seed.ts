import type { Client } from 'pg';
import { entryHash } from '../src/audit/chain/audit-chain';
import { canonicalKey } from '../src/reference/canonical-key';

const MAKES = ['Glock', 'Smith & Wesson', 'Beretta', 'Taurus', 'Sig Sauer', 'Colt', 'Ruger', 'Heckler & Koch', 'CZ', 'Remington'];
const CALIBRES = ['9×19mm Parabellum', '.38 Special', '.45 ACP', '.40 S&W', '.22 LR', '12 gauge', '5.56×45mm NATO', '.380 ACP'];
const TYPES = ['pistol', 'revolver', 'rifle', 'shotgun', 'carbine'];
const OWNERS = 20_000;
const CHUNK = 100_000;

/**
 * Serials in four shapes seen on real weapons, all derived from a bijection of the row number
 * (Lehmer: g × 48271 mod 2³¹−1) so most are unique: two letters, a dash and eight digits;
 * digits only; ten hexadecimal characters; nine characters mixing digits with the letters
 * that have look-alikes (B, O, S, Z, G, L). Spaces and dashes make some differ from their
 * normalised form.
 */
const SERIAL = `
  CASE g % 4
    WHEN 0 THEN chr(65 + (x % 26)::int) || chr(65 + ((x / 26) % 26)::int) || '-' || lpad((x % 100000000)::text, 8, '0')
    WHEN 1 THEN x::text
    WHEN 2 THEN upper(substr(md5(g::text), 1, 10))
    ELSE substr(translate(md5(g::text || 's'), 'abcdef', 'BOSZGL'), 1, 5) || ' ' || substr(translate(md5(g::text || 's'), 'abcdef', 'BOSZGL'), 6, 4)
  END`;

async function seededCount(db: Client): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM weapons WHERE registry_number LIKE 'PA-2019-%'`);
  return rows[0].n;
}

export interface SeedOptions {
  /** Record a ballistic test on all weapons but one in a hundred (the registry's normal state). */
  ballistics?: boolean;
}

/**
 * Brings the bench database to `total` seeded weapons, set-based: owners and weapons by
 * INSERT … SELECT over generate_series, in chunks, with the secondary indexes of weapons
 * dropped while loading and rebuilt (from their own definitions) afterwards.
 */
export async function seed(db: Client, total: number, log: (message: string) => void, options: SeedOptions = {}): Promise<number> {
  const have = await seededCount(db);
  if (have >= total) {
    log(`database already holds ${have} seeded weapons`);
    return have;
  }
  await db.query(
    `INSERT INTO owners (type, name, name_search, id_kind, id_number, id_number_normalized, birth_date, nationality, district, address_line)
     SELECT 'person', 'Bench Owner ' || g, 'bench owner ' || g, 'passport', 'BENCH' || g, 'BENCH' || g, date '1980-01-01', 'PA', '8-05', 'Calle ' || g
       FROM generate_series(1, $1) g
     ON CONFLICT DO NOTHING`,
    [OWNERS],
  );
  const { rows: indexes } = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.tablename = 'weapons'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  for (const index of indexes) await db.query(`DROP INDEX "${index.indexname}"`);
  const started = Date.now();
  const { rows: last } = await db.query<{ g: number | null }>(
    `SELECT max(substr(registry_number, 9)::int) AS g FROM weapons WHERE registry_number LIKE 'PA-2019-%'`,
  );
  for (let from = (last[0].g ?? 0) + 1; from <= total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK - 1);
    await db.query(
      `INSERT INTO weapons (registry_number, make, make_key, model, type, calibre, serial_number, serial_normalized,
                            country_of_manufacture, acquisition, ballistics, status, holder_id, district, registered_at, updated_at)
       SELECT 'PA-2019-' || lpad(g::text, 7, '0'),
              ($1::text[])[1 + g % cardinality($1::text[])], ($2::text[])[1 + g % cardinality($2::text[])],
              'Model ' || (g % 40), ($3::text[])[1 + (g / 7) % cardinality($3::text[])], ($4::text[])[1 + (g / 3) % cardinality($4::text[])],
              s.serial, upper(regexp_replace(s.serial, '[[:space:]./\\\\-]', '', 'g')),
              'US', jsonb_build_object('kind', 'legacy_record', 'date', '2019-01-01', 'documentRef', null),
              CASE WHEN $7::boolean AND g % 100 <> 0
                   THEN jsonb_build_object('testedAt', '2019-02-01', 'laboratory', 'IMELCF', 'reference', 'BAL-' || g) END,
              CASE WHEN g % 50 = 0 THEN 'stolen' WHEN g % 97 = 0 THEN 'lost' ELSE 'active' END,
              o.ids[1 + g % cardinality(o.ids)], '8-05', now() - make_interval(mins => g), now() - make_interval(mins => g)
         FROM generate_series($5::int, $6::int) g
        CROSS JOIN LATERAL (SELECT (g::bigint * 48271) % 2147483647 AS x) n
        CROSS JOIN LATERAL (SELECT ${SERIAL} AS serial) s
        CROSS JOIN (SELECT array_agg(id) AS ids FROM owners WHERE id_kind = 'passport' AND id_number LIKE 'BENCH%') o
       ON CONFLICT ON CONSTRAINT uq_weapons_marking DO NOTHING`,
      [MAKES, MAKES.map(canonicalKey), TYPES, CALIBRES, from, to, options.ballistics ?? false],
    );
    log(`  inserted up to row ${to} (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  for (const index of indexes) {
    const begun = Date.now();
    await db.query(index.indexdef);
    log(`  rebuilt ${index.indexname} (${Math.round((Date.now() - begun) / 1000)} s)`);
  }
  await db.query('VACUUM ANALYZE weapons');
  return seededCount(db);
}

const AUDIT_BATCH = 20_000;

/**
 * What a reconciliation reads besides weapons, shaped like a registry in use and seeded once:
 * a licence for every bench owner but one in two hundred, one owner in a thousand deceased, a
 * sale for one weapon in twenty (one sale in a thousand not reflected in the holder), and the
 * audit entries that created each owner, licence, weapon and transfer, properly chained, but
 * for one weapon in five thousand. `recordedBy` is the user named on the transfers.
 */
export async function seedRegistryState(db: Client, recordedBy: string, log: (message: string) => void): Promise<void> {
  const started = Date.now();
  const seeded = await db.query(`SELECT 1 FROM licences WHERE number LIKE 'BENCH-%' LIMIT 1`);
  if (seeded.rowCount) {
    log('licences, statuses, transfers and look-alike twins already seeded');
  } else {
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO licences (owner_id, kind, number, issued_at, expires_at, weapon_types)
       SELECT id, 'possession', 'BENCH-' || id_number, current_date - 365, current_date + 365, $1::text[]
         FROM owners WHERE id_kind = 'passport' AND id_number LIKE 'BENCH%' AND substr(id_number, 6)::int % 200 <> 0`,
      [TYPES],
    );
    await db.query(
      `UPDATE owners SET status = 'deceased', status_reason = 'Bench'
        WHERE id_kind = 'passport' AND id_number LIKE 'BENCH%' AND substr(id_number, 6)::int % 1000 = 0`,
    );
    // The seller is another bench owner; one sale in a thousand names a buyer who is not the holder.
    await db.query(
      `INSERT INTO transfers (weapon_id, from_owner_id, to_owner_id, kind, date, recorded_by, recorded_at)
       SELECT w.id, o.ids[1 + (g + 7) % cardinality(o.ids)],
              CASE WHEN g % 20000 = 0 THEN o.ids[1 + (g + 11) % cardinality(o.ids)] ELSE w.holder_id END,
              'sale', date '2020-01-01', $1, w.registered_at + interval '1 day'
         FROM weapons w
        CROSS JOIN LATERAL (SELECT substr(w.registry_number, 9)::int AS g) n
        CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM owners WHERE id_kind = 'passport' AND id_number LIKE 'BENCH%') o
        WHERE w.registry_number LIKE 'PA-2019-%' AND g % 20 = 0
          AND o.ids[1 + (g + 7) % cardinality(o.ids)] <> w.holder_id`,
      [recordedBy],
    );
    // One weapon in ten thousand has a twin whose serial differs only by look-alike characters.
    await db.query(
      `INSERT INTO weapons (registry_number, make, make_key, model, type, calibre, serial_number, serial_normalized,
                            country_of_manufacture, acquisition, ballistics, status, holder_id, district, registered_at, updated_at)
       SELECT 'PA-2018-' || substr(w.registry_number, 9), w.make, w.make_key, w.model, w.type, w.calibre, t.serial, t.serial,
              w.country_of_manufacture, w.acquisition, w.ballistics, 'active', w.holder_id, w.district, w.registered_at, w.updated_at
         FROM weapons w
        CROSS JOIN LATERAL (SELECT translate(w.serial_normalized, '0125OISZ', 'OIZS0152') AS serial) t
        WHERE w.registry_number LIKE 'PA-2019-%' AND substr(w.registry_number, 9)::int % 10000 = 1
          AND t.serial <> w.serial_normalized
       ON CONFLICT DO NOTHING`,
    );
    await db.query('COMMIT');
    log(`  licences, statuses, transfers and look-alike twins (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  const audited = await db.query(`SELECT 1 FROM audit_entries WHERE action = 'weapon.registered' AND actor_username = 'bench.seed' LIMIT 1`);
  if (audited.rowCount) {
    log('creation audit entries already seeded');
  } else {
    await seedCreationAudit(db, log);
  }
  for (const table of ['weapons', 'owners', 'licences', 'transfers', 'audit_entries']) await db.query(`VACUUM ANALYZE ${table}`);
}

interface CreatedRecord {
  id: string;
  entity_id: string;
  action: string;
  entity_type: string;
  after: unknown;
}

/**
 * Appends the creating entry of every bench record to the chain, after its head. Hashes need
 * the one before, so the chain is computed here and written with unnest() in batches, in one
 * transaction holding the head's row lock (the service's appends wait); audit_head's trigger
 * only lets the head advance one entry at a time, so the user triggers are off for the load.
 */
async function seedCreationAudit(db: Client, log: (message: string) => void): Promise<void> {
  const started = Date.now();
  const sources = [
    `SELECT o.id, o.id::text AS entity_id, 'owner.created' AS action, 'owner' AS entity_type,
            jsonb_build_object('id', o.id, 'name', o.name, 'district', o.district, 'status', 'active') AS after
       FROM owners o WHERE o.id_kind = 'passport' AND o.id_number LIKE 'BENCH%' AND o.id > $1 ORDER BY o.id LIMIT $2`,
    `SELECT l.id, l.id::text AS entity_id, 'licence.issued' AS action, 'licence' AS entity_type,
            jsonb_build_object('id', l.id, 'ownerId', l.owner_id, 'kind', l.kind, 'number', l.number, 'weaponTypes', l.weapon_types) AS after
       FROM licences l WHERE l.number LIKE 'BENCH-%' AND l.id > $1 ORDER BY l.id LIMIT $2`,
    `SELECT w.id, w.id::text AS entity_id, 'weapon.registered' AS action, 'weapon' AS entity_type,
            jsonb_build_object('id', w.id, 'registryNumber', w.registry_number, 'make', w.make, 'serialNumber', w.serial_number,
                               'status', 'active', 'holderId', w.holder_id, 'version', 1) AS after
       FROM weapons w
      WHERE (w.registry_number LIKE 'PA-2018-%'
             OR (w.registry_number LIKE 'PA-2019-%' AND substr(w.registry_number, 9)::int % 5000 <> 0))
        AND w.id > $1
      ORDER BY w.id LIMIT $2`,
    `SELECT t.id, t.weapon_id::text AS entity_id, 'transfer.recorded' AS action, 'weapon' AS entity_type,
            jsonb_build_object('status', 'active', 'holderId', t.to_owner_id,
                               'transfer', jsonb_build_object('id', t.id, 'weaponId', t.weapon_id, 'fromOwnerId', t.from_owner_id,
                                                              'toOwnerId', t.to_owner_id, 'kind', t.kind, 'date', t.date)) AS after
       FROM transfers t WHERE t.id > $1 ORDER BY t.id LIMIT $2`,
  ];
  await db.query('BEGIN');
  try {
    const [head] = (await db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE')).rows;
    await db.query('ALTER TABLE audit_entries DISABLE TRIGGER USER');
    await db.query('ALTER TABLE audit_head DISABLE TRIGGER USER');
    let seq = Number(head.seq);
    let prevHash = head.hash;
    const at = Date.now() - 86_400_000;
    for (const source of sources) {
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows = (await db.query<CreatedRecord>(source, [after, AUDIT_BATCH])).rows;
        if (rows.length === 0) break;
        after = rows[rows.length - 1].id;
        const columns: unknown[][] = Array.from({ length: 9 }, () => []);
        for (const row of rows) {
          seq += 1;
          const fields = {
            seq,
            occurredAt: new Date(at + seq).toISOString(),
            actorId: null,
            actorUsername: 'bench.seed',
            action: row.action,
            entityType: row.entity_type,
            entityId: row.entity_id,
            before: null,
            after: row.after,
            requestId: null,
            clientIp: null,
          };
          const hash = entryHash(prevHash, fields);
          [seq, fields.occurredAt, fields.actorUsername, row.action, row.entity_type, row.entity_id, JSON.stringify(row.after), prevHash, hash].forEach(
            (value, column) => columns[column].push(value),
          );
          prevHash = hash;
        }
        await db.query(
          `INSERT INTO audit_entries (seq, occurred_at, actor_username, action, entity_type, entity_id, after, prev_hash, hash)
           SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[],
                                $8::text[], $9::text[])`,
          columns,
        );
      }
      log(`  audit chain at ${seq} (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    await db.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [seq, prevHash]);
    await db.query('ALTER TABLE audit_head ENABLE TRIGGER USER');
    await db.query('ALTER TABLE audit_entries ENABLE TRIGGER USER');
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}
