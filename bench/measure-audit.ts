import { spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/*
 * Measures the auditors' endpoints of a running service over a seeded chain (bench/audit.ts
 * seeds it): the service's resident memory while it streams the whole chain as NDJSON,
 * GET /audit/verify in entries per second, and the offline verifier on the exported file.
 * Load average is printed with each figure: on a shared machine, others' work slows it down.
 */

export interface AuditMeasureOptions {
  baseUrl: string;
  /** The service's process, whose memory is sampled from /proc. */
  pid: number;
  /** An auditor's access token. */
  token: string;
  verifyRuns: number;
  /** The built offline verifier (cli/audit-verify.js). */
  verifier: string;
  outDir?: string;
}

function residentKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
}

const mib = (kib: number): string => `${(kib / 1024).toFixed(0)} MiB`;
const load = (): string => loadavg()[0].toFixed(2);

export async function measureAudit(options: AuditMeasureOptions): Promise<void> {
  const { baseUrl, pid } = options;
  const headers = { authorization: `Bearer ${options.token}` };
  const dir = options.outDir ?? tmpdir();

  const checkpoint = await fetch(`${baseUrl}/api/v1/audit/checkpoints`, { method: 'POST', headers });
  if (checkpoint.status !== 201) throw new Error(`checkpoint failed: ${checkpoint.status} ${await checkpoint.text()}`);

  const before = residentKiB(pid, 'VmRSS');
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, residentKiB(pid, 'VmRSS'))), 20);
  const exportFile = join(dir, 'audit-bench-export.ndjson');
  let started = process.hrtime.bigint();
  const response = await fetch(`${baseUrl}/api/v1/audit/export?format=ndjson`, { headers });
  if (!response.ok || !response.body) throw new Error(`export failed: ${response.status}`);
  let lines = 0;
  const body = Readable.fromWeb(response.body as WebReadableStream);
  body.on('data', (chunk: Buffer) => {
    for (let index = chunk.indexOf(10); index >= 0; index = chunk.indexOf(10, index + 1)) lines += 1;
  });
  await pipeline(body, createWriteStream(exportFile));
  clearInterval(sampler);
  const exportSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(
    `export: ${lines} entries in ${exportSeconds.toFixed(1)} s (${Math.round(lines / exportSeconds)}/s), ` +
      `service RSS ${mib(before)} before, peak ${mib(peak)} while streaming (${response.headers.get('content-disposition')}), load ${load()}\n`,
  );

  writeFileSync(join(dir, 'audit-bench-checkpoints.json'), await (await fetch(`${baseUrl}/api/v1/audit/checkpoints`, { headers })).text());
  writeFileSync(join(dir, 'audit-bench-public-key.json'), await (await fetch(`${baseUrl}/api/v1/audit/public-key`, { headers })).text());

  for (let run = 0; run < options.verifyRuns; run += 1) {
    started = process.hrtime.bigint();
    const verify = (await (await fetch(`${baseUrl}/api/v1/audit/verify`, { headers })).json()) as { valid: boolean; checked: number };
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stdout.write(
      `verify: valid=${verify.valid} ${verify.checked} entries in ${seconds.toFixed(1)} s = ${Math.round(verify.checked / seconds)} entries/s, load ${load()}\n`,
    );
  }

  started = process.hrtime.bigint();
  const offline = spawnSync(
    process.execPath,
    [
      options.verifier,
      '--export',
      exportFile,
      '--checkpoints',
      join(dir, 'audit-bench-checkpoints.json'),
      '--public-key',
      join(dir, 'audit-bench-public-key.json'),
    ],
    { encoding: 'utf8' },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`offline verifier: exit ${offline.status} in ${seconds.toFixed(1)} s (${Math.round(lines / seconds)}/s)\n${offline.stdout}${offline.stderr}`);
  process.stdout.write(`service peak RSS since start (VmHWM): ${mib(residentKiB(pid, 'VmHWM'))}\n`);
}
