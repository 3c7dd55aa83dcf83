import { fc, test as fcTest } from '@fast-check/jest';
import { benchMarkdown } from '../bench/bench-markdown';
import { claimEntry } from '../bounds/registry';
import { timeTraining, timeTrainingAsync, trainingMillisecondsSoFar } from '../reports/claims/kit/training-time';
import { budgetNote, budgetRows } from '../reports/render/budget-table';
import { claimTimes } from '../reports/run/claim-times';
import { largestPeakRss } from '../reports/run/peak-rss';
import type { ClaimRecord, RunResults } from '../reports/run/run-results';

function record(id: 'A1' | 'B3' | 'F4', times: Partial<ClaimRecord>): ClaimRecord {
  const { title, statement, provenance, kind } = claimEntry(id);
  return { id, title, statement, provenance, kind, replay: `npx tvem reproduce --only ${id}`, status: 'implemented', ...times };
}

const RESULTS: RunResults = {
  schemaVersion: 1,
  startedAt: '2026-11-29T10:00:00.000Z',
  finishedAt: '2026-11-29T10:02:00.000Z',
  seed: 20250209,
  quick: false,
  environment: {
    tvemVersion: '0.1.0',
    node: 'v20.20.2',
    packages: {},
    backend: 'wasm',
    gitSha: '7dd50953c1f0a9b2e4d6c8a0b1c2d3e4f5a6b7c8',
    cores: 2,
    platform: 'linux-x64',
    peakRss: { processMiB: 812.3, workersMiB: 402 },
  },
  claims: [
    record('A1', { seconds: 1.25, trainingSeconds: 0, evaluationSeconds: 1.25 }),
    record('B3', { seconds: 90.5, trainingSeconds: 80.25, evaluationSeconds: 10.25 }),
    record('F4', { status: 'not selected' }),
  ],
};

describe('time budget (issue 15): training and evaluation seconds per claim, peak RSS', () => {
  fcTest.prop([fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true })])(
    'claimTimes: training (at most the wall time) plus evaluation is the wall time, to the millisecond',
    (wall, share) => {
      const times = claimTimes(wall, wall * share);
      expect(times.trainingSeconds).toBeLessThanOrEqual(times.seconds);
      expect(times.evaluationSeconds).toBeGreaterThanOrEqual(0);
      expect(Math.abs(times.trainingSeconds + times.evaluationSeconds - times.seconds)).toBeLessThan(1e-6);
    },
  );

  test('timeTraining and timeTrainingAsync add their calls (failed ones too) to the training time, and pass results through', async () => {
    const before = trainingMillisecondsSoFar();
    const spin = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
      return ms;
    };
    expect(timeTraining(() => spin(20))).toBe(20);
    expect(await timeTrainingAsync(() => new Promise<string>((resolve) => setTimeout(() => resolve('done'), 20)))).toBe('done');
    expect(trainingMillisecondsSoFar() - before).toBeGreaterThanOrEqual(35);
    const beforeFailure = trainingMillisecondsSoFar();
    expect(() =>
      timeTraining(() => {
        spin(10);
        throw new Error('diverged');
      }),
    ).toThrow('diverged');
    expect(trainingMillisecondsSoFar() - beforeFailure).toBeGreaterThanOrEqual(10);
  });

  test('the budget table: one row per claim that ran, then the sums; older records show —', () => {
    expect(budgetRows(RESULTS)).toEqual([
      ['A1', '0.0', '1.3', '1.3'],
      ['B3', '80.3', '10.3', '90.5'],
      ['total', '80.3', '11.5', '91.8'],
    ]);
    const older = { ...RESULTS, claims: [record('A1', { seconds: 2 })] };
    expect(budgetRows(older)).toEqual([
      ['A1', '—', '—', '2.0'],
      ['total', '—', '—', '2.0'],
    ]);
    expect(budgetRows({ ...RESULTS, claims: [record('F4', { status: 'not selected' })] })).toEqual([]);
    expect(budgetNote(RESULTS)).toBe(
      'Run wall time 120.0 s, start to finish (less than the total when claims ran at once). Peak RSS: 812.3 MiB (tvem reproduce), 402.0 MiB (largest pre-training worker).',
    );
  });

  test('largestPeakRss: the largest process and the largest worker, each on its own', () => {
    expect(largestPeakRss([{ processMiB: 120 }, { processMiB: 800, workersMiB: 300 }, { processMiB: 500, workersMiB: 410 }])).toEqual({
      processMiB: 800,
      workersMiB: 410,
    });
    expect(largestPeakRss([{ processMiB: 120 }])).toEqual({ processMiB: 120 });
  });

  test("bench.md closes with the given run's budget and peak RSS, naming a quick run as such", () => {
    const context = {
      createdAt: '2026-11-29T12:00:00.000Z',
      machine: { cpus: 2, cpuModel: 'Test CPU', memoryGiB: 24, os: 'linux', node: 'v20.20.2' },
      repeats: 7,
      quick: false,
    };
    const markdown = benchMarkdown([], { ...context, budget: { file: 'runs/default/results.json', results: RESULTS } });
    const section = markdown.slice(markdown.indexOf('## Default-run budget'));
    expect(section).toContain('From `runs/default/results.json`: default scale, seed 20250209');
    expect(section).toContain('| Claim | Training s | Evaluation s | Total s |\n|---|---|---|---|\n| A1 | 0.0 | 1.3 | 1.3 |');
    expect(section).toContain('| total | 80.3 | 11.5 | 91.8 |');
    expect(section).toContain('Peak RSS: 812.3 MiB (tvem reproduce), 402.0 MiB (largest pre-training worker).');
    const quick = benchMarkdown([], { ...context, budget: { file: 'q.json', results: { ...RESULTS, quick: true } } });
    expect(quick).toContain('quick scale (not the default run)');
    expect(benchMarkdown([], context)).not.toContain('## Default-run budget');
  });
});
