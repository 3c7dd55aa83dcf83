#!/usr/bin/env node
// `npm run mutation` (issue 14): runs StrykerJS over theory/ and bounds/ with a fixed property seed,
// then writes reports/mutation/SUMMARY.md from its JSON report and the judged equivalents
// (reports/mutation/equivalent-*.json), atomically.
//   --summary-only                      rewrite the summary from the reports already there
//   --merge <report.json>... --note <s> make mutation.json from Stryker reports of runs over
//                                       disjoint files (e.g. one folder each) instead of running
require('tsx/cjs/api').register();
const { spawnSync, execFileSync } = require('node:child_process');
const { readdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { mutationSummary, parseEquivalents, parseMutationReport } = require('../reports/render/mutation-summary.ts');

const root = join(__dirname, '..');
const dir = join(root, 'reports', 'mutation');
const reportFile = join(dir, 'mutation.json');
// The run's commit, date and wall time (or how it was merged), recorded when the report is made.
const runFile = join(dir, 'run.json');
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const args = process.argv.slice(2);

function writeAtomically(path, content) {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, path);
}

function commitOfWorkTree() {
  const dirty = git('status', '--porcelain', '--', '.', ':!reports/mutation') !== '';
  return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' (with uncommitted changes)' : ''}`;
}

/** The files stryker.config.json mutates: TypeScript under theory/ and bounds/, AssemblyScript aside. */
function filesToMutate() {
  const walk = (folder) =>
    readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(folder, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.as.ts') ? [join(folder, e.name)] : [],
    );
  return ['theory', 'bounds']
    .flatMap((f) => walk(join(root, f)))
    .map((p) => relative(root, p))
    .sort();
}

const today = () => new Date().toISOString().slice(0, 10);

if (args[0] === '--merge') {
  const noteAt = args.indexOf('--note');
  if (noteAt < 0 || !args[noteAt + 1]) throw new Error('--merge needs --note "<how the runs were made>"');
  const files = {};
  for (const path of args.slice(1, noteAt)) {
    const report = JSON.parse(readFileSync(path, 'utf8'));
    for (const [file, entry] of Object.entries(report.files)) {
      if (file in files) throw new Error(`${file} is in two of the merged reports`);
      files[file] = entry;
    }
  }
  writeAtomically(reportFile, `${JSON.stringify({ schemaVersion: '2', thresholds: { high: 80, low: 60 }, files })}\n`);
  writeAtomically(runFile, `${JSON.stringify({ commit: commitOfWorkTree(), date: today(), note: args[noteAt + 1] }, null, 2)}\n`);
} else if (args[0] !== '--summary-only') {
  const commit = commitOfWorkTree();
  const started = Date.now();
  const stryker = spawnSync('npx', ['stryker', 'run'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FC_SEED: process.env.FC_SEED || '20250209' },
  });
  if (stryker.status !== 0) process.exit(stryker.status ?? 1);
  const run = { commit, date: today(), wallSeconds: Math.round((Date.now() - started) / 1000) };
  writeAtomically(runFile, `${JSON.stringify(run, null, 2)}\n`);
}

const report = parseMutationReport(JSON.parse(readFileSync(reportFile, 'utf8')));
const equivalents = readdirSync(dir)
  .filter((f) => /^equivalent-.*\.json$/.test(f))
  .flatMap((f) => parseEquivalents(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
const run = JSON.parse(readFileSync(runFile, 'utf8'));
writeAtomically(join(dir, 'SUMMARY.md'), mutationSummary(report, equivalents, run, filesToMutate()));
console.log('wrote reports/mutation/SUMMARY.md');
