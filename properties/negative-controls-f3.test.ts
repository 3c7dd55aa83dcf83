import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimEntry } from '../bounds/registry';
import { compareFromSameInit } from '../model/clustering/method-comparison';
import { CHECKPOINT_ROOT_ENV } from '../model/training/cached-training';
import { type F3Subject, f3Check } from '../reports/claims/F3';
import { claimRng } from '../reports/run/claim-streams';

/*
 * Negative control of claim F3 (CLAIMS.md §4): the real check (plan, measure, judge, present) at
 * a tiny scale, with its subject broken in one way, must say `violated`. Nothing is mocked: the
 * transformer is pre-trained (into a temporary checkpoint cache) and measured as in a run.
 */

const SEED = 20251129;
const { minN } = claimEntry('F3').constants;

/**
 * F3 broken: above the smallest n, the transformer names the next centroid token for every point
 * (its labels shifted by one, mod k; the other methods untouched): its aligned excess over the
 * oracle jumps from n = 32 to n = 64, which part (c) must call a rise. The permutation-minimised
 * rate cannot see this break, which is why F3 judges the aligned one.
 */
const nextTokenAboveSmallestN: F3Subject = (model, cases, cell) => {
  const real = compareFromSameInit(model, cases);
  if (cell.n === minN) return real;
  const shifted = cases.map((c) => ({ ...c, instance: { ...c.instance, labels: c.instance.labels.map((z) => (z + 1) % cell.k) } }));
  return { ...real, transformer: compareFromSameInit(model, shifted).transformer };
};

describe('negative control of F3', () => {
  let root: string;
  let previousRoot: string | undefined;
  let previousWorkers: string | undefined;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'tvem-negative-f3-'));
    previousRoot = process.env[CHECKPOINT_ROOT_ENV];
    previousWorkers = process.env.TVEM_WORKERS;
    process.env[CHECKPOINT_ROOT_ENV] = root;
    process.env.TVEM_WORKERS = '1';
  });
  afterAll(() => {
    if (previousRoot === undefined) delete process.env[CHECKPOINT_ROOT_ENV];
    else process.env[CHECKPOINT_ROOT_ENV] = previousRoot;
    if (previousWorkers === undefined) delete process.env.TVEM_WORKERS;
    else process.env.TVEM_WORKERS = previousWorkers;
    rmSync(root, { recursive: true, force: true });
  });

  test('F3 negative control: a transformer naming the next centroid token above the smallest n', async () => {
    const scale = { ks: [2], deltas: [4], instanceCaps: [200, 200, 40, 20], outOfRangeInstances: [4, 2], trainingSteps: 20 };
    const context = { seed: SEED, rng: claimRng(SEED, 'F3'), quick: true, scale, progress: { tick: () => {} } };
    const result = await f3Check(nextTokenAboveSmallestN).run(context);
    expect(result.verdict).toBe('violated');
    // the smallest violating cell is n = 64, where the break starts: (a) and (c) both see it there
    expect(result.counterexample).toMatchObject({ k: 2, n: 2 * minN });
    expect(result.numbers.violatedRises).toBeGreaterThanOrEqual(1);
    expect(result.numbers.violatedLevel).toBeGreaterThanOrEqual(1);
  }, 300_000);
});
