import { claimEntry } from '../../bounds/registry';
import { kmeansPlusPlus } from '../../theory/init';
import { lloyd } from '../../theory/lloyd';
import { type MixtureSpec, sampleInstance } from '../../theory/mixture';
import type { ClaimCheck } from './kit/claim-check';
import { randomSpec } from './kit/random-spec';
import { SmallestCase } from './kit/smallest-case';

const { relativeTolerance } = claimEntry('A2').constants;
const ITERATION_CAP = 1000;

/** A2: Lloyd from k-means++ on random mixtures, including poorly separated ones. */
export const check: ClaimCheck = {
  id: 'A2',
  async run({ rng, quick, progress }) {
    const cases = quick ? 60 : 600;
    const failures = new SmallestCase<{ spec: MixtureSpec; seed: number; reason: string }>();
    let worstIncrease = 0;
    let mostIterations = 0;
    for (let c = 0; c < cases; c++) {
      const caseRng = rng.split(c);
      const spec = randomSpec(caseRng, { k: [1, 8], d: [1, 8], n: [10, 400], delta: [0.5, 8] });
      const instance = sampleInstance(spec, caseRng);
      const run = lloyd(instance.points, kmeansPlusPlus(instance.points, spec.k, caseRng), { maxIterations: ITERATION_CAP });
      mostIterations = Math.max(mostIterations, run.iterations);
      for (let t = 1; t < run.history.length; t++) {
        const increase = (run.history[t]! - run.history[t - 1]!) / Math.max(run.history[t - 1]!, Number.MIN_VALUE);
        worstIncrease = Math.max(worstIncrease, increase);
        if (increase > relativeTolerance)
          failures.offer(spec.n * spec.k * spec.d, {
            spec,
            seed: caseRng.seed,
            reason: `objective rose by ${increase} (relative) at iteration ${t + 1}`,
          });
      }
      if (!run.converged)
        failures.offer(spec.n * spec.k * spec.d, { spec, seed: caseRng.seed, reason: `no fixed point within ${ITERATION_CAP} iterations` });
      if (c % 20 === 0) progress.tick(c, cases);
    }
    progress.tick(cases, cases);
    return {
      id: 'A2',
      verdict: failures.count === 0 ? 'holds' : 'violated',
      summary: `${cases} runs: worst relative objective increase ${worstIncrease.toExponential(2)} (allowed ${relativeTolerance}); every run reached a fixed point within ${mostIterations} iterations`,
      numbers: { cases, worstRelativeIncrease: worstIncrease, relativeTolerance, mostIterations, failures: failures.count },
      samples: cases,
      failureProbability: 0,
      ...(failures.value ? { counterexample: failures.value } : {}),
    };
  },
};
