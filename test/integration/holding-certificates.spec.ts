import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EXPIRING_CERTIFICATES_SQL } from '../../src/registry/certificates/holding-certificate.sql';
import { databaseUrl, runPrefix, withAdminClient } from '../support/run';

/**
 * The statement of HoldingCertificatesQuery.expiringBetween (the query the reminders job is to
 * use; it maps each row's columns to camelCase as `expiring` does), against the migrated schema
 * in a database of this file's own cloned from the run's template. Nest's ESM packages do not
 * load under jest, so the statement is run here as the query runs it.
 */
describe('certificates expiring between two days', () => {
  const name = `${runPrefix()}_holding_certificates`;
  let dataSource: DataSource;
  const query = {
    async expiringBetween(from: string, until: string) {
      const rows = (await dataSource.query(EXPIRING_CERTIFICATES_SQL, [from, until])) as Array<{
        id: string;
        number: string;
        holder_id: string;
        weapon_id: string;
        expires_at: Date;
      }>;
      return rows.map((row) => ({ id: row.id, number: row.number, holderId: row.holder_id, weaponId: row.weapon_id, expiresAt: row.expires_at }));
    },
  };
  let sequence = 0;

  beforeAll(async () => {
    const template = process.env.TEST_TEMPLATE_DATABASE;
    if (!template) throw new Error('TEST_TEMPLATE_DATABASE is not set: run the tests with npm test');
    await withAdminClient((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
    dataSource = new DataSource({ type: 'postgres', url: databaseUrl(name), poolSize: 2 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  async function certificate(expiresAt: string, status = 'valid'): Promise<{ id: string; number: string; weaponId: string; holderId: string }> {
    sequence += 1;
    const row = { id: randomUUID(), number: `CT-2027-${String(sequence).padStart(7, '0')}`, weaponId: randomUUID(), holderId: randomUUID() };
    await dataSource.query(
      `INSERT INTO holding_certificates (id, number, weapon_id, holder_id, issued_at, expires_at, status, ended_at, ended_reason, superseded_by)
       VALUES ($1, $2, $3, $4, $5::timestamptz - interval '4 years', $5, $6, $7, $8, CASE WHEN $6 = 'superseded' THEN $1::uuid END)`,
      [row.id, row.number, row.weaponId, row.holderId, expiresAt, status, status === 'valid' ? null : new Date(), status === 'valid' ? null : 'test'],
    );
    return row;
  }

  it('answers the valid certificates expiring on those Panama days, both included, soonest first', async () => {
    await certificate('2031-03-10T04:59:59.999Z'); // 9 March, 23:59:59.999 in Panama (UTC−5)
    const first = await certificate('2031-03-10T05:00:00Z'); // 10 March, midnight in Panama
    const last = await certificate('2031-03-12T04:59:59.999Z'); // 11 March, the last instant
    await certificate('2031-03-12T05:00:00Z'); // 12 March
    await certificate('2031-03-11T12:00:00Z', 'revoked');
    await certificate('2031-03-11T13:00:00Z', 'superseded');

    const found = await query.expiringBetween('2031-03-10', '2031-03-11');
    expect(found).toEqual([
      { id: first.id, number: first.number, holderId: first.holderId, weaponId: first.weaponId, expiresAt: new Date('2031-03-10T05:00:00Z') },
      { id: last.id, number: last.number, holderId: last.holderId, weaponId: last.weaponId, expiresAt: new Date('2031-03-12T04:59:59.999Z') },
    ]);
    expect(await query.expiringBetween('2031-03-13', '2031-03-20')).toEqual([]);
  });

  it('is served by the partial index on the valid certificates’ expiry', async () => {
    await dataSource.query('SET enable_seqscan = off');
    const plan = (await dataSource.query(
      `EXPLAIN SELECT id FROM holding_certificates WHERE status = 'valid'
          AND expires_at >= ('2031-03-10'::date::timestamp AT TIME ZONE 'America/Panama')
          AND expires_at < (('2031-03-11'::date + 1)::timestamp AT TIME ZONE 'America/Panama')`,
    )) as Array<{ 'QUERY PLAN': string }>;
    await dataSource.query('RESET enable_seqscan');
    expect(plan.map((line) => line['QUERY PLAN']).join('\n')).toContain('ix_holding_certificates_expiring');
  });
});
