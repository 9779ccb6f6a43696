import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LICENSED_ROWS_SQL, STANDING_BY_DOCUMENT_SQL, STANDING_BY_ID_SQL } from '../../src/owners/holder-standing.sql';
import { databaseUrl, runPrefix, withAdminClient } from '../support/run';

type Manager = DataSource['manager'];
interface Standing {
  holder: { id: string; status: string; district: string };
  licensed: boolean;
}
type Row = Standing['holder'] & { idx: number; licensed: boolean };

function byRow(count: number, rows: Row[]): Array<Standing | undefined> {
  const found = new Array<Standing | undefined>(count).fill(undefined);
  for (const row of rows) found[row.idx - 1] = { holder: { id: row.id, status: row.status, district: row.district }, licensed: row.licensed };
  return found;
}

/**
 * The statements of HolderStandingQuery (which maps their rows as byRow does) against the
 * migrated schema, in a database of this file's own cloned from the run's template.
 */
const query = {
  async ofOwners(manager: Manager, rows: Array<{ ownerId: string; type: string; day: string; needsLicence: boolean }>) {
    const found = (await manager.query(STANDING_BY_ID_SQL, [
      rows.map((row) => row.ownerId),
      rows.map((row) => row.type),
      rows.map((row) => row.day),
      rows.map((row) => row.needsLicence),
    ])) as Row[];
    return byRow(rows.length, found);
  },
  async ofDocuments(manager: Manager, rows: Array<{ kind: string; key: string; type: string; day: string; needsLicence: boolean }>) {
    const found = (await manager.query(STANDING_BY_DOCUMENT_SQL, [
      rows.map((row) => row.kind),
      rows.map((row) => row.key),
      rows.map((row) => row.type),
      rows.map((row) => row.day),
      rows.map((row) => row.needsLicence),
    ])) as Row[];
    return byRow(rows.length, found);
  },
  async licensed(manager: Manager, checks: Array<{ ownerId: string; type: string; day: string }>) {
    const rows = (await manager.query(LICENSED_ROWS_SQL, [
      checks.map((check) => check.ownerId),
      checks.map((check) => check.type),
      checks.map((check) => check.day),
    ])) as Array<{ idx: number }>;
    return new Set(rows.map((row) => row.idx - 1));
  },
};

describe('holder standing statements', () => {
  const name = `${runPrefix()}_holder_standing`;
  let dataSource: DataSource;

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

  async function owner(status: string, district: string, document: string): Promise<string> {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO owners (id, type, name, name_search, id_kind, id_number, id_number_normalized, district, address_line, status, birth_date, nationality)
       VALUES ($1, 'person', 'Test Holder', 'test holder', 'cedula', $2, $2, $3, 'Calle 1', $4, '1980-01-01', 'PA')`,
      [id, document, district, status],
    );
    return id;
  }

  async function licence(ownerId: string, issuedAt: string, expiresAt: string, types: string[], revoked = false): Promise<void> {
    await dataSource.query(
      `INSERT INTO licences (owner_id, kind, number, issued_at, expires_at, weapon_types, status, revoked_at, revoked_reason)
       VALUES ($1, 'possession', $2, $3, $4, $5, $6, $7, $8)`,
      [ownerId, randomUUID(), issuedAt, expiresAt, types, revoked ? 'revoked' : 'valid', revoked ? new Date() : null, revoked ? 'test' : null],
    );
  }

  const inTransaction = <T>(work: (manager: Manager) => Promise<T>): Promise<T> => dataSource.transaction(work);

  it('answers status, district and a licence in force on the day, by id, one answer per row in order', async () => {
    const licensed = await owner('active', '8-05', `D-${randomUUID()}`);
    await licence(licensed, '2024-01-01', '2024-12-31', ['pistol']);
    const suspended = await owner('suspended', '13-04', `D-${randomUUID()}`);
    await licence(suspended, '2024-01-01', '2024-12-31', ['pistol'], true);
    const answers = await inTransaction((manager) =>
      query.ofOwners(manager, [
        { ownerId: licensed, type: 'pistol', day: '2024-12-31', needsLicence: true },
        { ownerId: licensed, type: 'pistol', day: '2025-01-01', needsLicence: true },
        { ownerId: licensed, type: 'rifle', day: '2024-06-01', needsLicence: true },
        { ownerId: randomUUID(), type: 'pistol', day: '2024-06-01', needsLicence: true },
        { ownerId: suspended, type: 'pistol', day: '2024-06-01', needsLicence: true },
        { ownerId: licensed, type: 'pistol', day: '2024-06-01', needsLicence: false },
      ]),
    );
    expect(answers).toEqual([
      { holder: { id: licensed, status: 'active', district: '8-05' }, licensed: true },
      { holder: { id: licensed, status: 'active', district: '8-05' }, licensed: false },
      { holder: { id: licensed, status: 'active', district: '8-05' }, licensed: false },
      undefined,
      { holder: { id: suspended, status: 'suspended', district: '13-04' }, licensed: false },
      { holder: { id: licensed, status: 'active', district: '8-05' }, licensed: false },
    ]);
  });

  it('finds holders by id document, and holds them FOR SHARE until the caller commits', async () => {
    const document = `D-${randomUUID()}`;
    const id = await owner('active', '8-05', document);
    await licence(id, '2024-01-01', '2024-12-31', ['pistol', 'rifle']);
    await inTransaction(async (manager) => {
      const answers = await query.ofDocuments(manager, [
        { kind: 'cedula', key: document, type: 'rifle', day: '2024-03-01', needsLicence: true },
        { kind: 'passport', key: document, type: 'rifle', day: '2024-03-01', needsLicence: true },
      ]);
      expect(answers).toEqual([{ holder: { id, status: 'active', district: '8-05' }, licensed: true }, undefined]);
    });
    const blocked = await dataSource.transaction(async (manager) => {
      await query.ofOwners(manager, [{ ownerId: id, type: 'pistol', day: '2024-03-01', needsLicence: true }]);
      const other = dataSource.createQueryRunner();
      try {
        await other.query(`SET lock_timeout = '200ms'`);
        return await other.query(`UPDATE owners SET status = 'suspended' WHERE id = $1`, [id]).then(
          () => false,
          (error: { code?: string }) => error.code === '55P03',
        );
      } finally {
        await other.release();
      }
    });
    expect(blocked).toBe(true);
  });

  it('lists the rows a licence in force covers, without a lock', async () => {
    const id = await owner('active', '8-05', `D-${randomUUID()}`);
    await licence(id, '2024-01-01', '2024-12-31', ['pistol']);
    const covered = await inTransaction((manager) =>
      query.licensed(manager, [
        { ownerId: id, type: 'rifle', day: '2024-06-01' },
        { ownerId: id, type: 'pistol', day: '2024-06-01' },
        { ownerId: id, type: 'pistol', day: '2023-12-31' },
      ]),
    );
    expect([...covered]).toEqual([1]);
  });
});
