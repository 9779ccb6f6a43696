#!/usr/bin/env node
/*
 * Builds src/ into dist/ (or bench/ into dist/bench/ with `--bench`): the TypeScript compiler with the
 * @nestjs/swagger plugin's transformer, incremental, in place.
 *
 * Nothing here ever deletes dist/: a test or a service may be running from it. Each output file is
 * written beside its target and renamed over it (a process loading it sees the old file or the new
 * one, never half of one); outputs of deleted sources are removed afterwards, and only those. Builds
 * are serialized by a lock in dist/, and the stamp (dist/.build-stamp) records the newest source
 * time seen before compiling, so scripts/ensure-built.js can tell when dist/ is stale.
 */
'use strict';
const { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync, openSync, closeSync, readFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');
const ts = require('typescript');
const { newestSourceTime, TARGETS } = require('./build-inputs');

const ROOT = resolve(__dirname, '..');

async function main() {
  const target = process.argv.includes('--bench') ? TARGETS.bench : TARGETS.service;
  const outDir = join(ROOT, target.outDir);
  mkdirSync(outDir, { recursive: true });
  const release = await lock(join(outDir, '.build.lock'));
  try {
    const sourceTime = newestSourceTime(target);
    const ok = await compile(target, outDir);
    if (!ok) process.exit(1);
    atomicWrite(join(outDir, target.stamp), `${JSON.stringify({ sourceTime, builtAt: new Date().toISOString() })}\n`);
  } finally {
    release();
  }
}

async function compile(target, outDir) {
  const configPath = join(ROOT, target.tsconfig);
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: report });
  if (!config) return false;
  const buildInfo = join(outDir, target.buildInfo);
  const options = { ...config.options, incremental: true, tsBuildInfoFile: buildInfo };
  const create = () => {
    const host = ts.createIncrementalCompilerHost(options);
    host.writeFile = atomicWrite;
    return ts.createIncrementalProgram({ rootNames: config.fileNames, options, host, configFileParsingDiagnostics: config.errors });
  };
  let builder = create();
  // Outputs deleted by hand since the last build are not known to the incremental state: start over.
  if (existsSync(buildInfo) && !expectedOutputs(builder.getProgram(), config, options).every((file) => existsSync(file))) {
    rmSync(buildInfo);
    builder = create();
  }
  const program = builder.getProgram();
  const transformers = target.swagger ? { before: [await swaggerTransformer(program)] } : undefined;
  const diagnostics = [...builder.getConfigFileParsingDiagnostics(), ...builder.getSyntacticDiagnostics(), ...builder.getOptionsDiagnostics(), ...builder.getGlobalDiagnostics(), ...builder.getSemanticDiagnostics()];
  const emitted = builder.emit(undefined, atomicWrite, undefined, undefined, transformers);
  diagnostics.push(...emitted.diagnostics);
  const errors = diagnostics.filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);
  diagnostics.forEach(report);
  if (errors.length > 0) return false;
  removeStale(outDir, new Set(expectedOutputs(program, config, options)), target.keep);
  return true;
}

/** The plugin reads the DTOs' and controllers' TypeScript types into the OpenAPI metadata. */
async function swaggerTransformer(program) {
  const { before } = await import('@nestjs/swagger/plugin');
  return before({ introspectComments: true, classValidatorShim: true }, program);
}

/** What the program emits: every source file it compiles (imported ones too), not only the root names. */
function expectedOutputs(program, config, options) {
  const sources = program
    .getSourceFiles()
    .filter((source) => !source.isDeclarationFile && !program.isSourceFileFromExternalLibrary(source))
    .map((source) => source.fileName);
  const commandLine = { ...config, options, fileNames: sources };
  return sources.flatMap((source) => ts.getOutputFileNames(commandLine, source, false).map((output) => resolve(output)));
}

/** Removes .js/.js.map files in outDir that no source produces any more (a deleted or moved source). */
function removeStale(outDir, expected, keep) {
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(outDir, path);
      if (keep.some((kept) => rel === kept || rel.startsWith(`${kept}/`))) continue;
      if (entry.isDirectory()) {
        walk(path);
        if (readdirSync(path).length === 0) rmdirSync(path);
      } else if (/\.js(\.map)?$/.test(entry.name) && !expected.has(resolve(path))) {
        rmSync(path, { force: true });
      }
    }
  };
  walk(outDir);
}

let tempCounter = 0;
function atomicWrite(fileName, text) {
  mkdirSync(dirname(fileName), { recursive: true });
  const temp = `${fileName}.${process.pid}.${(tempCounter += 1)}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, fileName);
}

function report(diagnostic) {
  const message = ts.formatDiagnosticsWithColorAndContext([diagnostic], {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => ROOT,
    getNewLine: () => '\n',
  });
  process.stderr.write(message);
}

/** One build at a time per output folder; a lock left by a dead process is taken over. */
async function lock(path) {
  for (let waited = 0; ; waited += 100) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (!holderAlive(path) || waited > 300_000) rmSync(path, { force: true });
      else await new Promise((done) => setTimeout(done, 100));
    }
  }
}

function holderAlive(path) {
  let pid;
  try {
    pid = Number(readFileSync(path, 'utf8'));
  } catch {
    return true; // being written or just released: look again
  }
  if (!pid) return true; // being written: look again (the wait above is bounded)
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
