import { a1Check } from '../reports/claims/A1';
import { f2Check, type LloydSubject } from '../reports/claims/F2';
import type { CheckContext } from '../reports/claims/kit/claim-check';
import { hardEStep } from '../theory/estep';
import { Rng } from '../theory/rng';
import { testSeed } from './seed';

/**
 * Negative controls (CLAIMS.md §4): each check run on the claim's own code with one thing broken
 * must say `violated`. The checks are the real ones (a1Check, f2Check) with their subject swapped.
 */

const SILENT = { tick: () => {} };

function context<Scale>(scale: Scale, name: string): CheckContext<Scale> {
  const seed = testSeed(name);
  return { seed, rng: new Rng(seed), quick: true, scale, progress: SILENT };
}

describe('negative controls of A1 and F2', () => {
  it('A1 negative control: a mislabel rate without the minimum over permutations', async () => {
    // (1/n)·Σ 1{ẑ_i ≠ z_i} under the identity labelling only: the optimal assignment left out.
    const identityOnly = (predicted: ArrayLike<number>, truth: ArrayLike<number>): number => {
      let wrong = 0;
      for (let i = 0; i < truth.length; i++) if (predicted[i] !== truth[i]) wrong++;
      return wrong / truth.length;
    };
    const check = a1Check({ mislabelRate: identityOnly });
    const result = await check.run(context({ cases: 30 }, 'A1 negative control'));
    expect(result.verdict).toBe('violated');
    expect(result.counterexample).toBeDefined();
  });

  it('A1 control of the control: the unbroken check holds at the same scale', async () => {
    const check = a1Check();
    expect((await check.run(context({ cases: 30 }, 'A1 negative control'))).verdict).toBe('holds');
  });

  it('F2 negative control: a Lloyd whose M-step skips every point (the centers never leave the init)', async () => {
    // One E-step from the perturbed-truth init and no M-step: the labels of the init's centers.
    const noMStep: LloydSubject = (points, init) => ({ labels: hardEStep(points, init) });
    const check = f2Check({ lloyd: noMStep });
    const scale = {
      cells: [{ layout: 'simplex' as const, k: 8, d: 8, delta: 3 }],
      nSeries: [],
      trendDimensions: [],
      trendRuns: 0,
      maxRunsPerCell: 600,
    };
    const result = await check.run(context(scale, 'F2 negative control'));
    expect(result.verdict).toBe('violated');
    expect(JSON.stringify(result.counterexample)).toMatch(/\(c\) mean \|Lloyd − oracle\|/);
  });
});
