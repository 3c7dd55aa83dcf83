#!/usr/bin/env node
// `npm run mutation` (issue 14): runs StrykerJS over theory/ and bounds/ with a fixed property seed,
// then writes reports/mutation/SUMMARY.md from its JSON report and the judged equivalents
// (reports/mutation/equivalent-*.json), atomically. `--summary-only` rewrites the summary alone.
require('tsx/cjs/api').register();
const { spawnSync, execFileSync } = require('node:child_process');
const { readdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { mutationSummary, parseEquivalents, parseMutationReport } = require('../reports/render/mutation-summary.ts');

const root = join(__dirname, '..');
const dir = join(root, 'reports', 'mutation');
// The run's commit, date and wall time, recorded when Stryker finishes.
const runFile = join(dir, 'run.json');
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

if (!process.argv.includes('--summary-only')) {
  const dirty = git('status', '--porcelain', '--', '.', ':!reports/mutation') !== '';
  const commit = `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' (with uncommitted changes)' : ''}`;
  const started = Date.now();
  const stryker = spawnSync('npx', ['stryker', 'run'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FC_SEED: process.env.FC_SEED || '20250209' },
  });
  if (stryker.status !== 0) process.exit(stryker.status ?? 1);
  const run = {
    commit,
    date: new Date().toISOString().slice(0, 10),
    wallSeconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(runFile, `${JSON.stringify(run, null, 2)}\n`);
}

const report = parseMutationReport(JSON.parse(readFileSync(join(dir, 'mutation.json'), 'utf8')));
const equivalents = readdirSync(dir)
  .filter((f) => /^equivalent-.*\.json$/.test(f))
  .flatMap((f) => parseEquivalents(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
const summary = mutationSummary(report, equivalents, JSON.parse(readFileSync(runFile, 'utf8')));
const target = join(dir, 'SUMMARY.md');
const temp = `${target}.${process.pid}.tmp`;
writeFileSync(temp, summary);
renameSync(temp, target);
console.log('wrote reports/mutation/SUMMARY.md');
