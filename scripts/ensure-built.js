#!/usr/bin/env node
/*
 * Builds only when dist/ is missing or older than its sources (see scripts/build-inputs.js), so the
 * npm scripts that run built code (worker, create-user, audit:*, migration:*, bench:*) start at once
 * on an up-to-date build. `--bench` checks the benchmarks' build (and the service's first).
 */
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');
const { ROOT, TARGETS, newestSourceTime } = require('./build-inputs');

function stale(target) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(ROOT, target.outDir, target.stamp), 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return true;
    throw error;
  }
  return !(typeof stamp.sourceTime === 'number' && newestSourceTime(target) <= stamp.sourceTime);
}

const targets = process.argv.includes('--bench') ? ['service', 'bench'] : ['service'];
for (const name of targets) {
  if (!stale(TARGETS[name])) continue;
  const args = [join(__dirname, 'build.js'), ...(name === 'bench' ? ['--bench'] : [])];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
