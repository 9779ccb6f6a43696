import { makeHolder, weaponBody } from '../support/registry';
import { bearer, TestApp } from '../support/test-app';
import { reportFigures, scaled } from './support/figures';
import { sleep } from './support/processes';

const CLIENTS = scaled('FAULTS_CLIENTS', 8);

interface Seen {
  status: number;
  type: string;
  body: string;
}

describe('SIGTERM under load (faults)', () => {
  it('answers only successes or the contract’s problem+json until the process exits, never Fastify’s bare 503', async () => {
    const t = await TestApp.start();
    let code: number | null | undefined;
    const seen: Seen[] = [];
    let connectionErrors = 0;
    try {
      const admin = await t.bootstrapAdmin();
      const officer = await t.user(admin, ['officer'], { jurisdiction: ['8-05'] });
      const holder = await makeHolder(t, officer);
      let running = true;
      // fetch keeps connections alive, so requests keep arriving on open sockets while the server closes.
      const client = async (index: number): Promise<void> => {
        while (running) {
          try {
            const write = index % 2 === 0;
            const response = await fetch(`${t.baseUrl}/api/v1/${write ? 'weapons' : 'weapons?limit=5'}`, {
              method: write ? 'POST' : 'GET',
              headers: { ...bearer(officer.accessToken), 'content-type': 'application/json' },
              body: write ? JSON.stringify(weaponBody(holder.id)) : undefined,
            });
            seen.push({ status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() });
          } catch {
            // The listening socket is closed: no answer at all, which is not an answer outside the contract.
            connectionErrors += 1;
            await sleep(20);
          }
        }
      };
      const clients = Array.from({ length: CLIENTS }, (_, index) => client(index));
      await sleep(1500);
      code = await t.stop();
      await sleep(200);
      running = false;
      await Promise.all(clients);
    } finally {
      await t.close();
    }
    expect(code).toBe(0);
    const outside = seen.filter((response) => {
      if (response.status === 200 || response.status === 201) return false;
      if (!response.type.startsWith('application/problem+json')) return true;
      const body = JSON.parse(response.body) as { code?: string; requestId?: string };
      if (response.status === 503) return body.code !== 'SERVICE_UNAVAILABLE' || !body.requestId;
      return response.status >= 500;
    });
    expect(outside).toEqual([]);
    expect(seen.some((response) => response.body.includes('"error":"Service Unavailable"'))).toBe(false);
    expect(seen.filter((response) => response.status === 201).length).toBeGreaterThan(0);
    reportFigures('SIGTERM under load', {
      clients: CLIENTS,
      requests: seen.length,
      unavailable: seen.filter((response) => response.status === 503).length,
      connectionErrors,
      serverErrors: seen.filter((response) => response.status >= 500 && response.status !== 503).length,
    });
  });
});
