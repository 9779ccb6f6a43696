import { bearer, type TestApp, type TestUser } from './test-app';

export interface Run {
  id: string;
  status: string;
  trigger: string;
  startedAt: string | null;
  finishedAt: string | null;
  checked: number | null;
  findingsByKind: Record<string, number> | null;
  auditChain: { valid: boolean; firstInvalidSeq: number | null } | null;
  durationsMs: Record<string, number> | null;
  attempts: number;
  failureReason?: string;
}

export interface Finding {
  id: string;
  kind: string;
  weaponId: string | null;
  holderId: string | null;
  evidence: Record<string, unknown>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, deadlineMs = 30_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Polls a run until the queue has finished it, completed or failed. */
export function finishedRun(t: TestApp, as: TestUser, id: string): Promise<Run> {
  return until(`run ${id} to finish`, async () => {
    const response = await t.http.get(`/api/v1/reconciliation/runs/${id}`).set(bearer(as.accessToken)).expect(200);
    const run = response.body as Run;
    return run.status === 'completed' || run.status === 'failed' ? run : null;
  });
}

/** Asks for a run and waits for it. */
export async function reconcile(t: TestApp, as: TestUser): Promise<Run> {
  const accepted = await t.http.post('/api/v1/reconciliation/runs').set(bearer(as.accessToken)).expect(202);
  return finishedRun(t, as, accepted.body.id as string);
}

/** Every finding of a run, following the cursor. */
export async function allFindings(t: TestApp, as: TestUser, runId: string, kind?: string, limit = 200): Promise<Finding[]> {
  const found: Finding[] = [];
  let cursor: string | null = null;
  do {
    const query: Record<string, string> = { limit: String(limit), ...(kind ? { kind } : {}), ...(cursor ? { cursor } : {}) };
    const response = await t.http.get(`/api/v1/reconciliation/runs/${runId}/findings`).query(query).set(bearer(as.accessToken)).expect(200);
    found.push(...(response.body.items as Finding[]));
    cursor = response.body.nextCursor as string | null;
  } while (cursor);
  return found;
}

/** (kind, weaponId) pairs, sorted, to compare runs or state expectations. */
export const pairs = (findings: Finding[]): string[] => findings.map((finding) => `${finding.kind} ${finding.weaponId}`).sort();
