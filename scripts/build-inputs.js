'use strict';
/* What each build reads and writes; shared by scripts/build.js and scripts/ensure-built.js. */
const { readdirSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');

const TARGETS = {
  service: {
    tsconfig: 'tsconfig.build.json',
    outDir: 'dist',
    stamp: '.build-stamp',
    buildInfo: '.tsbuildinfo',
    swagger: true,
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'scripts/build.js', 'scripts/build-inputs.js'],
    keep: ['bench'],
  },
  bench: {
    tsconfig: 'bench/tsconfig.json',
    outDir: 'dist/bench',
    stamp: '.build-stamp',
    buildInfo: '.tsbuildinfo',
    swagger: false,
    inputs: ['bench', 'src', 'tsconfig.json', 'package-lock.json', 'scripts/build.js', 'scripts/build-inputs.js'],
    keep: [],
  },
};

/**
 * The newest modification time (ms) among a target's inputs, folders included: deleting or
 * renaming a source changes its folder's time, so that too makes the build stale.
 */
function newestSourceTime(target) {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  for (const input of target.inputs) visit(join(ROOT, input));
  return newest;
}

module.exports = { ROOT, TARGETS, newestSourceTime };
