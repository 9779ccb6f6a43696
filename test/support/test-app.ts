import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Pool } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { databaseUrl, endPool, runPrefix, withAdminClient } from './run';

export const DEFAULT_PASSWORD = 'correct horse battery staple 42';
/** The built service; TEST_DIST_DIR points elsewhere when several builds share one work tree. */
const DIST = process.env.TEST_DIST_DIR ?? join(__dirname, '../../dist');
/** A build outside the work tree still resolves the project's packages. */
const NODE_PATH = join(__dirname, '../../node_modules');

export interface TestUser {
  id: string;
  username: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

/**
 * Clones the run's migrated template into a database of this test file's own. The clone keeps
 * the template's grants to the work role (registry_app); the service re-grants at its start.
 */
export async function cloneTemplate(name: string): Promise<void> {
  const template = process.env.TEST_TEMPLATE_DATABASE;
  if (!template) throw new Error('TEST_TEMPLATE_DATABASE is not set: run the tests with npm test');
  for (let attempt = 0; ; attempt += 1) {
    try {
      await withAdminClient((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
      return;
    } catch (error) {
      // Two files cloning at the same instant: the template is briefly "being accessed by other users".
      if ((error as { code?: string }).code !== '55006' || attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built command-line step (dist/cli/...) to completion. */
export function runCli(script: string, args: string[], env: Record<string, string>): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(DIST, script), ...args], {
      env: { ...process.env, NODE_PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The built service, started as `npm start` starts it (node dist/main.js), over a database
 * of its own (cloned from the migrated template) and a Redis key prefix of its own. The service
 * is given the owner URL (DATABASE_URL, the postgres superuser) and works through the default work
 * role registry_app; `db`, the test's own pool, stays on the owner URL, so tests can tamper with
 * rows the service itself may not change.
 */
export class TestApp {
  private output = '';
  private exited: Promise<number | null>;
  private ownsDatabase = true;

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
    readonly databaseName: string,
    readonly env: Record<string, string>,
    readonly db: Pool,
  ) {
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  /**
   * `fresh: true` leaves the database uncreated, so the service must create and migrate it itself.
   * `sharing: other` runs a second instance on the other's database and Redis prefix (closing it
   * leaves them to the other). `childEnv` rewrites the environment the service process gets (a
   * test routing its database connections through a proxy), not the one the test connects with.
   */
  static async start(
    overrides: Record<string, string> = {},
    options: { fresh?: boolean; sharing?: TestApp; childEnv?: (env: Record<string, string>) => Record<string, string> } = {},
  ): Promise<TestApp> {
    const suffix = randomBytes(3).toString('hex');
    const databaseName = options.sharing?.databaseName ?? `${runPrefix()}_${suffix}`;
    if (!options.fresh && !options.sharing) await cloneTemplate(databaseName);
    const env: Record<string, string> = {
      DATABASE_URL: databaseUrl(databaseName),
      QUEUE_PREFIX: `${runPrefix()}_${suffix}`,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...(options.sharing ? { DATABASE_URL: options.sharing.env.DATABASE_URL, QUEUE_PREFIX: options.sharing.env.QUEUE_PREFIX } : {}),
      ...overrides,
    };
    const child = spawn(process.execPath, [join(DIST, 'main.js')], {
      env: { ...process.env, NODE_PATH, ...(options.childEnv ? options.childEnv(env) : env) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const listening = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`service did not start:\n${output}`)), 30_000);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = /"port":(\d+)[^\n]*"msg":"registry API listening"/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`service exited with ${code} before listening:\n${output}`));
      });
    });
    let port: number;
    try {
      port = await listening;
    } catch (error) {
      // A service that never listened is stopped, and its database dropped, before the error goes on:
      // nothing of it keeps running against a database the run's teardown drops.
      await stopChild(child);
      if (!options.sharing) {
        await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
      }
      throw error;
    }
    const app = new TestApp(child, `http://127.0.0.1:${port}`, databaseName, env, new Pool({ connectionString: env.DATABASE_URL, max: 4 }));
    app.ownsDatabase = !options.sharing;
    app.output = output;
    child.stdout!.on('data', (chunk: Buffer) => (app.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (app.output += chunk.toString()));
    return app;
  }

  get http(): TestAgent {
    return request(this.baseUrl);
  }

  /** Everything the service has logged so far. */
  get logs(): string {
    return this.output;
  }

  /** The first admin, made as an operator would: with the create-user command. */
  async bootstrapAdmin(): Promise<TestUser> {
    const username = `admin-${randomBytes(4).toString('hex')}`;
    const result = await runCli('cli/create-user.js', ['--username', username, '--roles', 'admin', '--full-name', 'First Admin'], {
      ...this.env,
      NEW_USER_PASSWORD: DEFAULT_PASSWORD,
    });
    if (result.code !== 0) throw new Error(`create-user failed (${result.code}): ${result.stderr}`);
    const tokens = await this.login(username, DEFAULT_PASSWORD);
    const me = await this.http.get('/api/v1/auth/me').set(bearer(tokens.accessToken)).expect(200);
    return { id: me.body.id, username, password: DEFAULT_PASSWORD, ...tokens };
  }

  /** Creates a user over the API as `admin`, then logs them in. */
  async user(admin: TestUser, roles: string[], options: { jurisdiction?: string[] | null } = {}): Promise<TestUser> {
    const username = `${roles.join('-')}-${randomBytes(4).toString('hex')}`;
    const created = await this.http
      .post('/api/v1/users')
      .set(bearer(admin.accessToken))
      .send({ username, password: DEFAULT_PASSWORD, fullName: `Test ${username}`, roles, jurisdiction: options.jurisdiction ?? null });
    if (created.status !== 201) throw new Error(`creating ${username} failed: ${created.status} ${created.text}`);
    const tokens = await this.login(username, DEFAULT_PASSWORD);
    return { id: created.body.id, username, password: DEFAULT_PASSWORD, ...tokens };
  }

  async login(username: string, password: string): Promise<{ accessToken: string; refreshToken: string }> {
    const response = await this.http.post('/api/v1/auth/login').send({ username, password });
    if (response.status !== 200) throw new Error(`login of ${username} failed: ${response.status} ${response.text}`);
    return { accessToken: response.body.accessToken, refreshToken: response.body.refreshToken };
  }

  /**
   * SIGTERM, as an orchestrator would; resolves with the exit code (null when it had to be killed).
   * Resolves only once the process is gone.
   */
  async stop(): Promise<number | null> {
    return stopChild(this.child, this.exited);
  }

  async close(): Promise<void> {
    await this.stop();
    await endPool(this.db);
    if (!this.ownsDatabase) return;
    await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${this.databaseName}" WITH (FORCE)`));
  }
}

/**
 * Starts a service and runs `setup` on it (users, seed data); if the setup fails, the service is
 * closed before the error goes on, so a failed test leaves nothing running against its database.
 */
export async function startPrepared<T extends object>(
  setup: (t: TestApp) => Promise<T>,
  ...start: Parameters<typeof TestApp.start>
): Promise<T & { t: TestApp }> {
  const t = await TestApp.start(...start);
  try {
    return { ...(await setup(t)), t };
  } catch (error) {
    await t.close();
    throw error;
  }
}

/** SIGTERM, then SIGKILL after 15 s; waits until the process has exited either way. */
async function stopChild(child: ChildProcess, exited?: Promise<number | null>): Promise<number | null> {
  const gone = exited ?? new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([gone, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 15_000)))]);
  clearTimeout(timer);
  if (code !== 'timeout') return code;
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await gone;
  return null;
}

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}
