import { spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/*
 * Measures the auditors' endpoints of a running service over a seeded chain (seed-audit.ts):
 * the service's resident memory while it streams the whole chain as NDJSON, GET /audit/verify
 * in entries per second, and the offline verifier on the exported file.
 *
 *   BASE_URL=http://127.0.0.1:3999 SERVICE_PID=<pid of node dist/main.js> \
 *   AUDITOR=bench.auditor PASSWORD='…' VERIFIER=<build>/cli/audit-verify.js \
 *     node <build>/bench/measure-audit.js
 *
 * Load average is printed with each figure: on a shared machine, others' work slows it down.
 */

const baseUrl = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const pid = Number(process.env.SERVICE_PID);

function residentKiB(field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
}

const mib = (kib: number): string => `${(kib / 1024).toFixed(0)} MiB`;
const load = (): string => loadavg()[0].toFixed(2);

async function main(): Promise<void> {
  if (!Number.isInteger(pid)) throw new Error('SERVICE_PID must name the service process');
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: process.env.AUDITOR, password: process.env.PASSWORD }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const headers = { authorization: `Bearer ${accessToken}` };
  const dir = process.env.OUT_DIR ?? tmpdir();

  const checkpoint = await fetch(`${baseUrl}/api/v1/audit/checkpoints`, { method: 'POST', headers });
  if (checkpoint.status !== 201) throw new Error(`checkpoint failed: ${checkpoint.status} ${await checkpoint.text()}`);

  const before = residentKiB('VmRSS');
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, residentKiB('VmRSS'))), 20);
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

  for (let run = 0; run < Number(process.env.VERIFY_RUNS ?? 3); run += 1) {
    started = process.hrtime.bigint();
    const verify = (await (await fetch(`${baseUrl}/api/v1/audit/verify`, { headers })).json()) as { valid: boolean; checked: number };
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stdout.write(
      `verify: valid=${verify.valid} ${verify.checked} entries in ${seconds.toFixed(1)} s = ${Math.round(verify.checked / seconds)} entries/s, load ${load()}\n`,
    );
  }

  if (process.env.VERIFIER) {
    started = process.hrtime.bigint();
    const offline = spawnSync(
      process.execPath,
      [
        process.env.VERIFIER,
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
  }
  process.stdout.write(`service peak RSS since start (VmHWM): ${mib(residentKiB('VmHWM'))}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`measure-audit: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
