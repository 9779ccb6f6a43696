import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { migrations } from '../../src/database/migrations';
import { databaseUrl, endPool, runPrefix, withAdminClient } from '../support/run';
import { runCli, startPrepared, TestApp } from '../support/test-app';

describe('start-up', () => {
  it('creates a missing database and migrates it once when two instances start together', async () => {
    const name = `${runPrefix()}_fresh_${randomBytes(3).toString('hex')}`;
    const env = { DATABASE_URL: databaseUrl(name) };
    const started = await Promise.allSettled([TestApp.start(env, { fresh: true }), TestApp.start(env, { fresh: true })]);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      for (const result of started) if (result.status === 'fulfilled') await result.value.close();
      throw failed.reason;
    }
    const [first, second] = started.map((result) => (result as PromiseFulfilledResult<TestApp>).value);
    try {
      await first.http.get('/health/ready').expect(200);
      await second.http.get('/health/ready').expect(200);
      const pool = new Pool({ connectionString: databaseUrl(name), max: 1 });
      try {
        const { rows } = await pool.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
        expect(rows.map((row) => row.name)).toEqual(migrations.map((migration) => new migration().name));
        const head = await pool.query('SELECT seq FROM audit_head');
        expect(head.rows).toEqual([{ seq: '0' }]);
      } finally {
        await endPool(pool);
      }
    } finally {
      await second.stop();
      await first.close();
    }
  });

  it('refuses to start with a bad variable, naming it', async () => {
    const result = await runCli('main.js', [], { PORT: 'eighty', WORKERS: 'sometimes', DATABASE_URL: 'mysql://nowhere/db' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('WORKERS');
    expect(result.stderr).toContain('DATABASE_URL');
  });

  it('refuses to start in production without configured signing keys', async () => {
    const result = await runCli('main.js', [], { NODE_ENV: 'production', JWT_PRIVATE_KEY: '', AUDIT_SIGNING_PRIVATE_KEY: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('JWT_PRIVATE_KEY is required when NODE_ENV=production');
    expect(result.stderr).toContain('AUDIT_SIGNING_PRIVATE_KEY is required when NODE_ENV=production');
  });

  it('logs nothing but JSON lines from start to stop (no runtime warning such as FSTWRN004)', async () => {
    const t = await TestApp.start();
    try {
      await t.http.get('/health/ready').expect(200);
      expect(await t.stop()).toBe(0);
      const lines = t.logs.split('\n').filter((line) => line.trim() !== '');
      expect(lines.length).toBeGreaterThan(3);
      const notJson = lines.filter((line) => {
        try {
          return typeof JSON.parse(line) !== 'object';
        } catch {
          return true;
        }
      });
      expect(notJson).toEqual([]);
      expect(t.logs).not.toContain('FSTWRN');
    } finally {
      await t.close();
    }
  });

  it('a helper whose setup fails stops the service it started and drops its database', async () => {
    let started: TestApp | undefined;
    await expect(
      startPrepared(async (t) => {
        started = t;
        await t.http.get('/health/ready').expect(200);
        throw new Error('setup failed on purpose');
      }),
    ).rejects.toThrow('setup failed on purpose');
    expect(started).toBeDefined();
    const app = started as TestApp;
    await expect(fetch(`${app.baseUrl}/health/live`)).rejects.toThrow();
    const { rows } = await withAdminClient((client) => client.query('SELECT 1 FROM pg_database WHERE datname = $1', [app.databaseName]));
    expect(rows).toEqual([]);
  });

  it('stops cleanly on SIGTERM', async () => {
    const t = await TestApp.start();
    try {
      expect(await t.stop()).toBe(0);
      expect(t.logs).toMatch(/"signal":"SIGTERM"[^\n]*"msg":"stopping"/);
      expect(t.logs).toContain('"msg":"stopped"');
    } finally {
      await t.close();
    }
  });
});
