import type { Client } from 'pg';
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

/**
 * Brings the bench database to `total` seeded weapons, set-based: owners and weapons by
 * INSERT … SELECT over generate_series, in chunks, with the secondary indexes of weapons
 * dropped while loading and rebuilt (from their own definitions) afterwards.
 */
export async function seed(db: Client, total: number, log: (message: string) => void): Promise<number> {
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
                            country_of_manufacture, acquisition, status, holder_id, district, registered_at, updated_at)
       SELECT 'PA-2019-' || lpad(g::text, 7, '0'),
              ($1::text[])[1 + g % cardinality($1::text[])], ($2::text[])[1 + g % cardinality($2::text[])],
              'Model ' || (g % 40), ($3::text[])[1 + (g / 7) % cardinality($3::text[])], ($4::text[])[1 + (g / 3) % cardinality($4::text[])],
              s.serial, upper(regexp_replace(s.serial, '[[:space:]./\\\\-]', '', 'g')),
              'US', jsonb_build_object('kind', 'legacy_record', 'date', '2019-01-01', 'documentRef', null),
              CASE WHEN g % 50 = 0 THEN 'stolen' WHEN g % 97 = 0 THEN 'lost' ELSE 'active' END,
              o.ids[1 + g % cardinality(o.ids)], '8-05', now() - make_interval(mins => g), now() - make_interval(mins => g)
         FROM generate_series($5::int, $6::int) g
        CROSS JOIN LATERAL (SELECT (g::bigint * 48271) % 2147483647 AS x) n
        CROSS JOIN LATERAL (SELECT ${SERIAL} AS serial) s
        CROSS JOIN (SELECT array_agg(id) AS ids FROM owners WHERE id_kind = 'passport' AND id_number LIKE 'BENCH%') o
       ON CONFLICT ON CONSTRAINT uq_weapons_marking DO NOTHING`,
      [MAKES, MAKES.map(canonicalKey), TYPES, CALIBRES, from, to],
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
