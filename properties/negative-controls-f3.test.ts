import { claimEntry } from '../bounds/registry';
import { compareFromSameInit } from '../model/clustering/method-comparison';
import { type F3Subject, f3Check } from '../reports/claims/F3';
import { runClaimCheck } from './run-claim-check';
import { useTemporaryCheckpointCache } from './temporary-checkpoint-cache';

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
  useTemporaryCheckpointCache('tvem-negative-f3-');

  test('F3 negative control: a transformer naming the next centroid token above the smallest n', async () => {
    const scale = { ks: [2], deltas: [4], instanceCaps: [200, 200, 40, 20], outOfRangeInstances: [4, 2], trainingSteps: 20 };
    const result = await runClaimCheck('F3', f3Check(nextTokenAboveSmallestN), scale, { seed: SEED });
    expect(result.verdict).toBe('violated');
    // the smallest violating cell is n = 64, where the break starts: (a) and (c) both see it there
    expect(result.counterexample).toMatchObject({ k: 2, n: 2 * minN });
    expect(result.numbers.violatedRises).toBeGreaterThanOrEqual(1);
    expect(result.numbers.violatedLevel).toBeGreaterThanOrEqual(1);
  }, 300_000);
});
