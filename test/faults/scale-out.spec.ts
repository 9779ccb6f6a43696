import { randomInt } from 'node:crypto';
import { daysFromToday } from '../support/registry';
import { bearer, TestApp } from '../support/test-app';
import { reportFigures, scaled } from './support/figures';
import { spawnWorker, until } from './support/processes';

const REQUESTS = scaled('FAULTS_TRACE_REQUESTS', 12);

describe('two APIs and two workers on one database (faults)', () => {
  jest.setTimeout(150_000);

  it('runs every job once', async () => {
    const first = await TestApp.start();
    const second = await TestApp.start({}, { sharing: first });
    const workers = [spawnWorker(first.env), spawnWorker(first.env)];
    try {
      const admin = await first.bootstrapAdmin();
      const police = await first.user(admin, ['police']);
      const apis = [first, second];
      const filed = await Promise.all(
        Array.from({ length: REQUESTS }, (_, index) =>
          apis[index % 2].http
            .post('/api/v1/trace-requests')
            .set(bearer(police.accessToken))
            .send({
              caseNumber: `DIJ-${randomInt(1, 1e9)}`,
              requestingAgency: 'DIJ',
              reason: 'recovered',
              recovery: { date: daysFromToday(0), place: 'Calle 50' },
              marking: { serialNumber: `TWICE-${index}` },
            }),
        ),
      );
      expect(filed.map((response) => response.status)).toEqual(filed.map(() => 202));
      const ids = filed.map((response) => response.body.id as string);
      const rows = await until(
        'every trace request to be answered',
        async () => {
          const { rows } = await first.db.query<{ id: string; status: string; attempts: number }>(
            'SELECT id, status, attempts FROM trace_requests WHERE id = ANY($1::uuid[])',
            [ids],
          );
          return rows.every((row) => row.status === 'completed') && rows.length === ids.length ? rows : null;
        },
        90_000,
      ).catch(async (error: unknown) => {
        const { rows } = await first.db.query('SELECT status, attempts, count(*)::int FROM trace_requests GROUP BY 1, 2');
        throw new Error(`${(error as Error).message}: ${JSON.stringify(rows)}\n${workers[0].output().slice(-3000)}`);
      });
      expect(rows.filter((row) => row.attempts !== 1)).toEqual([]);
      // No audit action recorded twice for one request.
      const twice = await first.db.query(
        `SELECT entity_id, action, count(*)::int AS times FROM audit_entries
          WHERE entity_id = ANY($1::text[]) GROUP BY entity_id, action HAVING count(*) > 1`,
        [ids],
      );
      expect(twice.rows).toEqual([]);
      const chain = await first.http.get('/api/v1/audit/verify').set(bearer(admin.accessToken)).expect(200);
      expect(chain.body.valid).toBe(true);
      reportFigures('two APIs and two workers', { apis: 2, workers: 2 + 2, jobs: REQUESTS, runs: rows.reduce((sum, row) => sum + row.attempts, 0) });
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
      await second.close();
      await first.close();
    }
  });
});
