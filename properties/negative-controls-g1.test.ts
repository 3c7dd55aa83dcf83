import { baselineErrors, caseClasses, transformerInputs } from '../model/clustering/method-comparison';
import { predictLabels } from '../model/clustering/predict';
import { type G1Subject, g1Check } from '../reports/claims/G1';
import type { ClaimResult } from '../reports/claims/kit/claim-check';
import { claimRng } from '../reports/run/claim-streams';
import { mislabelRate } from '../theory/mislabel';
import { Rng } from '../theory/rng';
import { useTemporaryCheckpointCache } from './temporary-checkpoint-cache';

/*
 * Negative control of claim G1 (CLAIMS.md §4): G1's real check (plan, measure, judge, present)
 * runs at a tiny scale (5 training steps, at most 200 instances per setting) with its subject,
 * the transformer's predictions, broken: each instance's predicted labels are shuffled across its
 * points. It must say `violated`. Nothing is mocked: the transformers are trained (into a
 * temporary checkpoint cache) and evaluated as in a run, beside Lloyd and EM.
 */

const SEED = 20251130;
const SCALE = { plannedVariance: 0.004, instanceCap: 200, trainingSteps: 5 };

async function runG1(subject: G1Subject): Promise<ClaimResult> {
  return g1Check(subject).run({ seed: SEED, rng: claimRng(SEED, 'G1'), quick: true, scale: SCALE, progress: { tick: () => {} } });
}

/** G1 broken: the transformer's labels, shuffled across each instance's points (the label counts stay, their placement is lost). */
const scrambled: G1Subject = (model, cases) => {
  const rng = new Rng(SEED);
  const predicted = predictLabels(model, transformerInputs(cases));
  return cases.map((c, j) => mislabelRate(rng.shuffle(Array.from(predicted[j]!)), c.instance.labels, caseClasses(c)));
};

/** A stand-in as good as the better baseline on every instance: T − 1.1·B ≤ 0 per instance, so never violated. */
const betterBaseline: G1Subject = (_model, cases) => {
  const { lloyd, em } = baselineErrors(cases);
  return lloyd.map((l, j) => Math.min(l, em[j]!));
};

describe('negative control of G1', () => {
  useTemporaryCheckpointCache('tvem-negative-g1-');

  test('G1 negative control: a transformer whose predictions are scrambled', async () => {
    const result = await runG1(scrambled);
    expect(result.verdict).toBe('violated');
    expect(result.counterexample).toMatchObject({ lowerConfidenceBound: expect.any(Number) });
    expect(result.headline?.margin).toBeLessThan(0);
    // a stand-in as good as the better baseline on every instance, on the same (cached) models and
    // instances, is not violated: the break is what the verdict saw
    expect((await runG1(betterBaseline)).verdict).not.toBe('violated');
  }, 300_000);
});
