import { compareMethods } from '../model/clustering/method-comparison';
import { TARGET_FUNCTIONS } from '../model/training/approximation-targets';
import { type D2Subject, d2Check, trainedApproximator } from '../reports/claims/D2';
import { type F4Subject, f4Check } from '../reports/claims/F4';
import type { Matrix } from '../theory/matrix';
import { runClaimCheck } from './run-claim-check';
import { useTemporaryCheckpointCache } from './temporary-checkpoint-cache';

/*
 * Negative controls of claims D2 and F4 (CLAIMS.md §4): each claim's real check (plan, measure,
 * judge, present) runs at a tiny scale with its subject broken in one way, so that the error
 * grows with M (D2) or with N (F4), and must say `violated`. Nothing is mocked: the approximators
 * and transformers are trained (into a temporary checkpoint cache) and measured as in a run.
 */

/** These controls were tuned at this seed: D2's growth and F4's pull resolve there at their tiny scales. */
const SEED = 20251129;

/** D2 broken: the approximator's prediction is pushed away from f by 0.1·M, so |f̃ − f| grows by 0.1·M. */
const growsWithM: D2Subject = (config, steps) => {
  const real = trainedApproximator(config, steps);
  const target = TARGET_FUNCTIONS[config.target];
  const push = 0.1 * config.heads;
  return {
    ...real,
    supError: real.supError + push,
    predict: (points, count) =>
      real.predict(points, count).map((y, j) => {
        const f = target.evaluate(points.subarray(j * config.d, (j + 1) * config.d));
        return y + (y >= f ? push : -push);
      }),
  };
};

/** F4 broken: the transformer's init is pulled to its centroid by the model's rank in N (none at the smallest N, all the way at the largest). */
const degradesWithN: F4Subject = (model, cases, rank, models) => {
  const pull = rank / (models - 1);
  const collapse = (init: Matrix): Matrix => {
    const data = Float64Array.from(init.data);
    for (let c = 0; c < init.cols; c++) {
      let centre = 0;
      for (let r = 0; r < init.rows; r++) centre += init.data[r * init.cols + c]! / init.rows;
      for (let r = 0; r < init.rows; r++) data[r * init.cols + c] = (1 - pull) * data[r * init.cols + c]! + pull * centre;
    }
    return { rows: init.rows, cols: init.cols, data };
  };
  return compareMethods(
    model,
    cases.map((c) => (c.transformerInit ? { ...c, transformerInit: collapse(c.transformerInit) } : c)),
  );
};

describe('negative controls of D2 and F4', () => {
  useTemporaryCheckpointCache('tvem-negative-d2-f4-');

  test('D2 negative control: an approximator whose error grows with M', async () => {
    const scale = { heads: [2, 4], heldOutPoints: 1024, batchSize: 32, steps: 20, patience: 2 };
    const result = await runClaimCheck('D2', d2Check(growsWithM), scale, { seed: SEED });
    expect(result.verdict).toBe('violated');
    expect(result.counterexample).toMatchObject({ risingSteps: ['M=2 → M=4'] });
    // the unbroken subject on the same (cached) approximators: undertrained at this scale, so not
    // halved, but no step rises: the rise is the break's doing
    const real = await runClaimCheck('D2', d2Check(), scale, { seed: SEED });
    expect(real.counterexample).toMatchObject({ risingSteps: [] });
  }, 300_000);

  test('F4 negative control: errors that rise with N', async () => {
    const scale = { pretrainingSizes: [64], heldOutInstances: 300, trainingSteps: 40 };
    const result = await runClaimCheck('F4', f4Check(degradesWithN), scale, { seed: SEED });
    expect(result.verdict).toBe('violated');
    expect(result.counterexample).toMatchObject({ rises: [expect.stringContaining('N=inf − N=64')] });
    // the unbroken subject on the same (cached) models is not violated
    expect((await runClaimCheck('F4', f4Check(), scale, { seed: SEED })).verdict).not.toBe('violated');
  }, 300_000);
});
