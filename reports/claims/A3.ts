import { claimEntry } from '../../bounds/registry';
import { em } from '../../theory/em';
import { kmeansPlusPlus } from '../../theory/init';
import { type MixtureSpec, sampleInstance } from '../../theory/mixture';
import { responsibilityDefects } from '../../theory/responsibility-defects';
import type { ClaimCheck } from './kit/claim-check';
import { randomSpec } from './kit/random-spec';
import { SmallestCase } from './kit/smallest-case';

const { relativeTolerance, rowSumTolerance } = claimEntry('A3').constants;

/** A3: EM from k-means++ on random mixtures; log-likelihood monotone, responsibilities a distribution. */
export const check: ClaimCheck = {
  id: 'A3',
  async run({ rng, quick, progress }) {
    const cases = quick ? 40 : 400;
    const failures = new SmallestCase<{ spec: MixtureSpec; seed: number; reason: string }>();
    let worstDecrease = 0;
    let worstRowSum = 0;
    let negative = 0;
    for (let c = 0; c < cases; c++) {
      const caseRng = rng.split(c);
      const spec = randomSpec(caseRng, { k: [1, 6], d: [1, 6], n: [10, 300], delta: [0.5, 8] });
      const instance = sampleInstance(spec, caseRng);
      const run = em(instance.points, kmeansPlusPlus(instance.points, spec.k, caseRng), { maxIterations: 50 });
      const size = spec.n * spec.k * spec.d;
      for (let t = 1; t < run.history.length; t++) {
        const decrease = (run.history[t - 1]! - run.history[t]!) / Math.abs(run.history[t - 1]!);
        worstDecrease = Math.max(worstDecrease, decrease);
        if (decrease > relativeTolerance)
          failures.offer(size, { spec, seed: caseRng.seed, reason: `log-likelihood fell by ${decrease} (relative) at iteration ${t}` });
      }
      const defects = responsibilityDefects(run.responsibilities);
      worstRowSum = Math.max(worstRowSum, defects.worstRowSumError);
      negative += defects.negativeEntries;
      if (defects.negativeEntries > 0 || defects.worstRowSumError > rowSumTolerance) {
        failures.offer(size, {
          spec,
          seed: caseRng.seed,
          reason: `responsibilities: ${defects.negativeEntries} negative entries, row-sum error ${defects.worstRowSumError}`,
        });
      }
      if (c % 20 === 0) progress.tick(c, cases);
    }
    progress.tick(cases, cases);
    return {
      id: 'A3',
      verdict: failures.count === 0 ? 'holds' : 'violated',
      summary: `${cases} runs: worst relative log-likelihood decrease ${worstDecrease.toExponential(2)} (allowed ${relativeTolerance}); worst row-sum error ${worstRowSum.toExponential(2)}`,
      numbers: {
        cases,
        worstRelativeDecrease: worstDecrease,
        relativeTolerance,
        worstRowSumError: worstRowSum,
        rowSumTolerance,
        negativeResponsibilities: negative,
        failures: failures.count,
      },
      samples: cases,
      failureProbability: 0,
      ...(failures.value ? { counterexample: failures.value } : {}),
    };
  },
};
