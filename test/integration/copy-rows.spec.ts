import { DataSource } from 'typeorm';
import { copyRows } from '../../src/database/copy-rows';
import { copyJson, copyRow } from '../../src/database/copy-text';
import { databaseUrl, runPrefix, withAdminClient } from '../support/run';

/** copyRows against a real Postgres, on a small table of its own in a database of this file's own. */
describe('copyRows', () => {
  const name = `${runPrefix()}_copy_rows`;
  let dataSource: DataSource;

  beforeAll(async () => {
    await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));
    dataSource = new DataSource({ type: 'postgres', url: databaseUrl(name), poolSize: 2 });
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE items (n integer PRIMARY KEY, label text, flag boolean, details jsonb)`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  beforeEach(() => dataSource.query('TRUNCATE items'));

  const columns = ['n', 'label', 'flag', 'details'];
  const row = (n: number, label: string | null = `item ${n}`): string =>
    copyRow([n, label, n % 2 === 0, copyJson({ n, note: 'tab\there "q" \\ end' })]);
  function* rows(count: number, make: (n: number) => string = (n) => row(n)): Generator<string> {
    for (let n = 1; n <= count; n += 1) yield make(n);
  }
  const count = async (): Promise<number> => Number((await dataSource.query('SELECT count(*) AS n FROM items'))[0].n);

  it('writes every row, in chunks, as written, and commits with the transaction', async () => {
    const awkward = 'line 1\nline 2\r\n\\N \\. \t end';
    const written = await dataSource.transaction((manager) =>
      copyRows(manager, 'items', columns, rows(1_001, (n) => row(n, n === 777 ? awkward : n === 5 ? null : `item ${n}`))),
    );
    expect(written).toBe(1_001);
    expect(await count()).toBe(1_001);
    const [odd] = await dataSource.query('SELECT label, flag, details FROM items WHERE n = 777');
    expect(odd).toEqual({ label: awkward, flag: false, details: { n: 777, note: 'tab\there "q" \\ end' } });
    expect((await dataSource.query('SELECT label FROM items WHERE n = 5'))[0].label).toBeNull();
  });

  it('rolls back with the transaction', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await copyRows(manager, 'items', columns, rows(10));
        throw new Error('the rest of the change failed');
      }),
    ).rejects.toThrow('the rest of the change failed');
    expect(await count()).toBe(0);
  });

  it('rejects with the error of a row Postgres refuses, past the first chunks, and writes nothing', async () => {
    const error = await dataSource
      .transaction((manager) => copyRows(manager, 'items', columns, rows(5_000, (n) => row(n === 300 ? 3 : n))))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: '23505', constraint: 'items_pkey' });
    expect(await count()).toBe(0);
    // The connection is back in the pool and usable.
    expect(await dataSource.transaction((manager) => copyRows(manager, 'items', columns, rows(3)))).toBe(3);
  });

  it('abandons the copy when building a row fails, and writes nothing', async () => {
    const failing = rows(800, (n) => {
      if (n === 600) throw new Error('row 600 could not be built');
      return row(n);
    });
    await expect(dataSource.transaction((manager) => copyRows(manager, 'items', columns, failing))).rejects.toThrow('row 600 could not be built');
    expect(await count()).toBe(0);
    expect(await dataSource.transaction((manager) => copyRows(manager, 'items', columns, rows(2)))).toBe(2);
  });

  it('runs only inside a transaction', async () => {
    await expect(copyRows(dataSource.manager, 'items', columns, rows(1))).rejects.toThrow(/inside a transaction/);
  });
});
