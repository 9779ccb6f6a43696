import type { MigrationInterface, QueryRunner } from 'typeorm';
import { normaliseSerial } from '../../registry/serial';

/** Weapons refolded per round trip: one SELECT and one UPDATE of this many rows. */
const BATCH = 5_000;

/** The folding in force before this migration (upper case; ASCII-style spaces, dashes, dots and slashes removed). */
function legacyFold(serial: string): string {
  return serial.toUpperCase().replace(/[\s\-./\\]/g, '');
}

/**
 * Recomputes serial_normalized with `fold` for every weapon whose serial holds a character
 * outside ASCII. On ASCII the folding before and after this migration agree (serial.spec.ts
 * holds the two against each other), so only those weapons can change. Their ids are taken in
 * one scan, then refolded in batches by id, so that millions of weapons never sit in memory.
 * serial_confusable follows by itself: the database generates it from serial_normalized.
 * Leaves the refolded ids in the temporary table marking_refold.
 */
async function refold(queryRunner: QueryRunner, fold: (serial: string) => string): Promise<void> {
  await queryRunner.query(`DROP TABLE IF EXISTS pg_temp.marking_refold`);
  await queryRunner.query(
    `CREATE TEMPORARY TABLE marking_refold AS SELECT id, serial_number FROM weapons WHERE serial_number ~ '[^[:ascii:]]'`,
  );
  await queryRunner.query(`ALTER TABLE marking_refold ADD PRIMARY KEY (id)`);
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = (await queryRunner.query(`SELECT id, serial_number FROM marking_refold WHERE id > $1 ORDER BY id LIMIT $2`, [
      after,
      BATCH,
    ])) as Array<{ id: string; serial_number: string }>;
    if (rows.length === 0) return;
    await queryRunner.query(
      `UPDATE weapons w SET serial_normalized = f.serial
         FROM unnest($1::uuid[], $2::text[]) AS f(id, serial)
        WHERE w.id = f.id AND w.serial_normalized IS DISTINCT FROM f.serial`,
      [rows.map((row) => row.id), rows.map((row) => fold(row.serial_number))],
    );
    after = rows[rows.length - 1].id;
  }
}

/**
 * serial_normalized under the folding of API.md "Weapons" (NFKC, invisible characters, every
 * kind of space, dash, dot and slash removed, UTS #39 look-alikes mapped to Latin letters and
 * digits): see src/registry/serial.ts, the one home of the rule, which this migration applies.
 *
 * Weapons registered apart may now bear one marking (`КХ-52731` and `KX-52731`). They are
 * neither refused nor merged: all but the first registered get `marking_duplicate` 1, 2 …,
 * which uq_weapons_marking now includes, so they stay registered and reconciliation reports
 * them as POSSIBLE_DUPLICATE (same make and serial_confusable). A new registration is still
 * refused against any of them (the pre-check reads the marking without `marking_duplicate`),
 * and the race twin of that check is the constraint on `marking_duplicate` = 0.
 */
export class MarkingsFolding1795878600000 implements MigrationInterface {
  name = 'MarkingsFolding1795878600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "weapons" ADD COLUMN "marking_duplicate" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "weapons" DROP CONSTRAINT "uq_weapons_marking"`);
    await refold(queryRunner, normaliseSerial);
    // Only a refolded weapon can have come to share a marking: before, every marking was unique.
    await queryRunner.query(`
      WITH touched AS (
        SELECT DISTINCT w.make_key, w.serial_normalized FROM weapons w JOIN marking_refold r ON r.id = w.id
      ), ranked AS (
        SELECT w.id, row_number() OVER (PARTITION BY w.make_key, w.serial_normalized ORDER BY w.registered_at, w.id) - 1 AS rank
          FROM weapons w JOIN touched t ON t.make_key = w.make_key AND t.serial_normalized = w.serial_normalized
      )
      UPDATE weapons w SET marking_duplicate = ranked.rank FROM ranked WHERE w.id = ranked.id AND ranked.rank > 0`);
    await queryRunner.query(`DROP TABLE marking_refold`);
    await queryRunner.query(
      `ALTER TABLE "weapons" ADD CONSTRAINT "uq_weapons_marking" UNIQUE ("make_key", "serial_normalized", "marking_duplicate")`,
    );
  }

  /** Fails, rather than merge them, if two weapons share a marking under the old folding as well. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "weapons" DROP CONSTRAINT "uq_weapons_marking"`);
    await refold(queryRunner, legacyFold);
    await queryRunner.query(`DROP TABLE marking_refold`);
    await queryRunner.query(`ALTER TABLE "weapons" DROP COLUMN "marking_duplicate"`);
    await queryRunner.query(`ALTER TABLE "weapons" ADD CONSTRAINT "uq_weapons_marking" UNIQUE ("make_key", "serial_normalized")`);
  }
}
