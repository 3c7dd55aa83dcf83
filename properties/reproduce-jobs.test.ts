import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTvem } from './cli-process';
import { comparableResults } from './scale-out/scale-out-kit';

const TVEM = join(__dirname, '..', 'bin', 'tvem.cjs');
/** Cheap claims at --quick, one of them (B1) on tensors: a few seconds each. */
const RUN = ['reproduce', '--quick', '--only', 'A1,A2,B1,E2', '--seed', '11'];
const CLAIMS = ['A1', 'A2', 'B1', 'E2'];

function readJson(dir: string, file: string) {
  return JSON.parse(readFileSync(join(dir, file), 'utf8'));
}

/** Runs `tvem` with TVEM_JOBS set (the default of --jobs). */
function withJobsEnvironment(value: string, args: readonly string[]) {
  const run = spawnSync(process.execPath, [TVEM, ...args], {
    env: { ...process.env, TVEM_JOBS: value },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, stderr: run.stderr };
}

describe('tvem reproduce --jobs: claims in parallel processes (issue 15)', () => {
  const root = mkdtempSync(join(tmpdir(), 'tvem-jobs-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const sequential = join(root, 'jobs-1');
  const parallel = join(root, 'jobs-2');
  const stderr = { sequential: '', parallel: '' };
  beforeAll(() => {
    // TVEM_JOBS=2 for both: the flag overrides it, and without the flag it is the default.
    const one = withJobsEnvironment('2', [...RUN, '--jobs', '1', '--out', sequential]);
    const two = withJobsEnvironment('2', [...RUN, '--out', parallel]);
    expect([one.status, two.status]).toEqual([0, 0]);
    stderr.sequential = one.stderr;
    stderr.parallel = two.stderr;
  });

  test('2 jobs give the results.json and run.json of 1, apart from times and peak RSS', () => {
    expect(comparableResults(parallel)).toEqual(comparableResults(sequential));
    expect(readJson(parallel, 'run.json')).toEqual(readJson(sequential, 'run.json'));
  });

  test('TVEM_JOBS is the default of --jobs and the flag overrides it; each finished claim is reported', () => {
    expect(stderr.parallel).toContain('running 4 claims in 2 job processes');
    expect(stderr.sequential).not.toContain('job process');
    for (const id of CLAIMS) expect(stderr.parallel).toMatch(new RegExp(`^${id}: holds in \\d+\\.\\d s$`, 'm'));
  });

  test('both record each claim split into training and evaluation seconds, the peak RSS and the budget table', () => {
    for (const dir of [sequential, parallel]) {
      const results = readJson(dir, 'results.json');
      const ran = results.claims.filter((c: { status: string }) => c.status === 'implemented');
      expect(ran.map((c: { id: string }) => c.id)).toEqual(CLAIMS);
      for (const claim of ran) {
        expect(claim.trainingSeconds).toBe(0); // none of these claims trains a model
        expect(claim.evaluationSeconds).toBeCloseTo(claim.seconds, 3);
      }
      expect(results.environment.peakRss.processMiB).toBeGreaterThan(0);
      expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(
        /## Time budget\n\n\| Claim \| Training s \| Evaluation s \| Total s \|/,
      );
    }
  });

  test('--resume with --jobs 2 finishes an interrupted run with the same results', () => {
    const dir = join(root, 'resumed');
    // An interrupted run: A1's and A2's cells and the results were never written.
    cpSync(sequential, dir, { recursive: true });
    for (const file of ['cells/A1.json', 'cells/A2.json', 'results.json']) rmSync(join(dir, file));
    const resumed = runTvem([...RUN, '--resume', dir, '--jobs', '2']);
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toContain('running 2 claims in 2 job processes');
    expect(comparableResults(dir)).toEqual(comparableResults(sequential));
  });

  test.each([
    ['--jobs 0', () => runTvem([...RUN, '--jobs', '0', '--out', join(root, 'bad')]), '--jobs must be an integer >= 1, got 0'],
    ['--jobs two', () => runTvem([...RUN, '--jobs', 'two', '--out', join(root, 'bad')]), '--jobs must be an integer, got "two"'],
    ['TVEM_JOBS=0', () => withJobsEnvironment('0', [...RUN, '--out', join(root, 'bad')]), 'TVEM_JOBS must be an integer >= 1, got "0"'],
  ])('%s: one line naming the value, exit 2', (_, run, message) => {
    const out = run();
    expect(out.status).toBe(2);
    expect(out.stderr.trim().split('\n')).toEqual([`tvem: ${message}`]);
  });
});
