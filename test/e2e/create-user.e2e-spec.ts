import { randomBytes } from 'node:crypto';
import { databaseUrl, runPrefix, withAdminClient } from '../support/run';
import { DEFAULT_PASSWORD, runCli, TestApp } from '../support/test-app';

const databaseExists = (name: string): Promise<boolean> =>
  withAdminClient(async (client) => ((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount ?? 0) > 0);

describe('create-user', () => {
  it('refuses a DATABASE_URL whose database does not exist, and creates nothing', async () => {
    const name = `${runPrefix()}_missing_${randomBytes(3).toString('hex')}`;
    const result = await runCli('cli/create-user.js', ['--username', 'admin', '--roles', 'admin'], {
      DATABASE_URL: databaseUrl(name),
      NEW_USER_PASSWORD: DEFAULT_PASSWORD,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`127.0.0.1:5432/${name}: database "${name}" does not exist; nothing was created`);
    expect(result.stdout).not.toContain('created user');
    expect(await databaseExists(name)).toBe(false);
  });

  it('names the database it wrote the user to', async () => {
    const t = await TestApp.start();
    try {
      const username = `admin-${randomBytes(3).toString('hex')}`;
      const result = await runCli('cli/create-user.js', ['--username', username, '--roles', 'admin'], {
        ...t.env,
        NEW_USER_PASSWORD: DEFAULT_PASSWORD,
      });
      expect([result.code, result.stderr]).toEqual([0, '']);
      expect(result.stdout).toMatch(new RegExp(`^created user ${username} \\([0-9a-f-]{36}\\) with roles admin in database 127\\.0\\.0\\.1:5432/${t.databaseName}\\n$`));
      const { rows } = await t.db.query('SELECT username FROM users WHERE username = $1', [username]);
      expect(rows).toEqual([{ username }]);
    } finally {
      await t.close();
    }
  });
});
