import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The Panama calendar day of a timestamptz expression. */
const day = (at: string): string => `((${at}) AT TIME ZONE 'America/Panama')::date`;

export class WeaponCountChanges1795879400000 implements MigrationInterface {
  name = 'WeaponCountChanges1795879400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // GET /statistics/registry: the net change, per Panama day, of the number of weapons on record
    // per (district, type, status). The count at the end of day D is the sum of the rows up to D,
    // a few thousand rows at most whatever the number of weapons. Kept by the statement-level
    // triggers below in the transaction of every write to weapons, whichever path makes it.
    await queryRunner.query(`
      CREATE TABLE "weapon_count_changes" (
        "day" date NOT NULL,
        "district" text NOT NULL,
        "type" text NOT NULL,
        "status" text NOT NULL,
        "weapons" integer NOT NULL,
        CONSTRAINT "pk_weapon_count_changes" PRIMARY KEY ("day", "district", "type", "status"))`);
    // Adds the grouped deltas of one statement; keys in order, so that two writers lock the rows
    // they share in the same order.
    const upsert = (select: string): string => `
      INSERT INTO weapon_count_changes AS c (day, district, type, status, weapons)
      SELECT day, district, type, status, sum(n)::int FROM (${select}) AS d(day, district, type, status, n)
       GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
      ON CONFLICT (day, district, type, status) DO UPDATE SET weapons = c.weapons + EXCLUDED.weapons`;
    // A registration counts from the day of registered_at; a change of district, type or status
    // moves the weapon on the day it is made (never before its registration); a rewrite of
    // registered_at itself (a data fix) moves the row's whole count to its new day.
    await queryRunner.query(`
      CREATE FUNCTION weapon_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${upsert(`SELECT ${day('registered_at')}, district, type, status, 1 FROM new_rows`)};
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION weapon_counts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${upsert(`SELECT ${day('registered_at')}, district, type, status, -1 FROM old_rows`)};
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION weapon_counts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${upsert(`
          WITH moved AS (
            SELECT o.registered_at = n.registered_at AS same_day,
                   ${day('o.registered_at')} AS old_day, ${day('n.registered_at')} AS new_day,
                   o.district AS old_district, o.type AS old_type, o.status AS old_status,
                   n.district AS new_district, n.type AS new_type, n.status AS new_status
              FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (o.district, o.type, o.status, o.registered_at) IS DISTINCT FROM (n.district, n.type, n.status, n.registered_at))
          SELECT CASE WHEN same_day THEN greatest(${day('now()')}, old_day) ELSE old_day END, old_district, old_type, old_status, -1 FROM moved
          UNION ALL
          SELECT CASE WHEN same_day THEN greatest(${day('now()')}, new_day) ELSE new_day END, new_district, new_type, new_status, 1 FROM moved`)};
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_weapons_counts_insert" AFTER INSERT ON "weapons"
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION weapon_counts_inserted()`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_weapons_counts_update" AFTER UPDATE ON "weapons"
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION weapon_counts_updated()`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_weapons_counts_delete" AFTER DELETE ON "weapons"
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION weapon_counts_deleted()`);
    // The weapons already on record: each counts from its registration day in the status before
    // its first event, moves on each event's day, and a last row today brings any weapon whose
    // events do not end in its present status to it, so that today's sums are exact.
    await queryRunner.query(
      upsert(`
        WITH events AS (
          SELECT e.weapon_id, e.from_status, e.to_status, greatest(e.recorded_at, w.registered_at) AS at,
                 row_number() OVER (PARTITION BY e.weapon_id ORDER BY e.recorded_at DESC, e.id DESC) AS from_last,
                 row_number() OVER (PARTITION BY e.weapon_id ORDER BY e.recorded_at, e.id) AS from_first
            FROM weapon_events e JOIN weapons w ON w.id = e.weapon_id
           WHERE e.from_status IS NOT NULL AND e.to_status IS NOT NULL AND e.from_status <> e.to_status),
        ends AS (
          SELECT w.id, w.registered_at, w.district, w.type, w.status,
                 coalesce(f.from_status, w.status) AS first_status, coalesce(l.to_status, w.status) AS last_status
            FROM weapons w
            LEFT JOIN events f ON f.weapon_id = w.id AND f.from_first = 1
            LEFT JOIN events l ON l.weapon_id = w.id AND l.from_last = 1)
        SELECT ${day('registered_at')}, district, type, first_status, 1 FROM ends
        UNION ALL
        SELECT ${day('e.at')}, w.district, w.type, e.from_status, -1 FROM events e JOIN weapons w ON w.id = e.weapon_id
        UNION ALL
        SELECT ${day('e.at')}, w.district, w.type, e.to_status, 1 FROM events e JOIN weapons w ON w.id = e.weapon_id
        UNION ALL
        SELECT greatest(${day('now()')}, ${day('registered_at')}), district, type, last_status, -1 FROM ends WHERE last_status <> status
        UNION ALL
        SELECT greatest(${day('now()')}, ${day('registered_at')}), district, type, status, 1 FROM ends WHERE last_status <> status`),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_weapons_counts_delete" ON "weapons"`);
    await queryRunner.query(`DROP TRIGGER "trg_weapons_counts_update" ON "weapons"`);
    await queryRunner.query(`DROP TRIGGER "trg_weapons_counts_insert" ON "weapons"`);
    await queryRunner.query(`DROP FUNCTION weapon_counts_updated()`);
    await queryRunner.query(`DROP FUNCTION weapon_counts_deleted()`);
    await queryRunner.query(`DROP FUNCTION weapon_counts_inserted()`);
    await queryRunner.query(`DROP TABLE "weapon_count_changes"`);
  }
}
