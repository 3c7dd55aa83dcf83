import { claimEntry } from '../../bounds/registry';
import { kmeansPlusPlus } from '../../theory/init';
import { type LloydResult, lloyd } from '../../theory/lloyd';
import type { Matrix } from '../../theory/matrix';
import { type MixtureSpec, sampleInstance } from '../../theory/mixture';
import type { Rng } from '../../theory/rng';
import type { ClaimCheck } from './kit/claim-check';
import { limitHeadline, tightestLimit } from './kit/headline';
import { describeSpec, randomSpec, type SpecRanges } from './kit/random-spec';
import { SmallestCase } from './kit/smallest-case';
import { verdictOf } from './kit/verdict';

const { relativeTolerance } = claimEntry('A2').constants;
const ITERATION_CAP = 1000;
/** A2's regime: random mixtures, including poorly separated ones. */
const RANGES: SpecRanges = { k: [1, 8], d: [1, 8], n: [10, 400], delta: [0.5, 8] };

/** A2's sizes: Lloyd runs. */
interface A2Scale {
  readonly cases: number;
}

type Failure = { spec: MixtureSpec; seed: number; reason: string };

/**
 * Lloyd as A2 runs it: from `init`, at most `maxIterations` iterations. The claim's subject is
 * theory lloyd; a negative control breaks it (properties/negative-controls-a2-a3.test.ts).
 */
export type A2Lloyd = (
  points: Matrix,
  init: Matrix,
  options: { maxIterations: number },
) => Pick<LloydResult, 'history' | 'converged' | 'iterations'>;

/** A2: Lloyd from k-means++ on random mixtures, including poorly separated ones. */
export function a2Check(runLloyd: A2Lloyd = lloyd): ClaimCheck<A2Scale> {
  return {
    id: 'A2',
    scales: { quick: { cases: 60 }, default: { cases: 600 } },
    async run({ rng, scale, progress }) {
      const { cases } = scale;
      const failures = new SmallestCase<Failure>();
      let worstIncrease = 0;
      let worstAt = `in all ${cases} runs`;
      let mostIterations = 0;
      for (let c = 0; c < cases; c++) {
        const run = measureCase(rng.split(c), runLloyd, failures); // stream c: case c
        if (!(run.worstIncrease <= worstIncrease)) [worstIncrease, worstAt] = [run.worstIncrease, `at case ${c} (${run.size})`];
        mostIterations = Math.max(mostIterations, run.iterations);
        if (c % 20 === 0) progress.tick(c, cases);
      }
      progress.tick(cases, cases);
      return {
        id: 'A2',
        verdict: verdictOf({ violations: failures.count, unresolved: 0 }),
        summary: `${cases} runs: worst relative objective increase ${worstIncrease.toExponential(2)} (allowed ${relativeTolerance}); every run reached a fixed point within ${mostIterations} iterations`,
        // A2: an objective rise beyond the tolerance, or a run without a fixed point, is a failing run.
        headline: limitHeadline(
          tightestLimit([
            {
              quantity: 'relative objective increase per iteration',
              side: 'at most',
              limit: relativeTolerance,
              measured: worstIncrease,
              where: worstAt,
            },
            {
              quantity: `runs failing (a rise, or no fixed point within ${ITERATION_CAP} iterations)`,
              side: 'at most',
              limit: 0,
              measured: failures.count,
              where: `among ${cases} runs`,
            },
          ]),
        ),
        numbers: { cases, worstRelativeIncrease: worstIncrease, relativeTolerance, mostIterations, failures: failures.count },
        samples: cases,
        failureProbability: 0,
        ...(failures.value ? { counterexample: failures.value } : {}),
      };
    },
  };
}

export const check = a2Check();

/** One Lloyd run: offers every objective increase beyond the tolerance, and a run without a fixed point, as failures. */
function measureCase(
  caseRng: Rng,
  runLloyd: A2Lloyd,
  failures: SmallestCase<Failure>,
): { worstIncrease: number; iterations: number; size: string } {
  const spec = randomSpec(caseRng, RANGES);
  const instance = sampleInstance(spec, caseRng);
  const run = runLloyd(instance.points, kmeansPlusPlus(instance.points, spec.k, caseRng), { maxIterations: ITERATION_CAP });
  const size = spec.n * spec.k * spec.d;
  let worstIncrease = 0;
  for (let t = 1; t < run.history.length; t++) {
    const increase = (run.history[t]! - run.history[t - 1]!) / Math.max(run.history[t - 1]!, Number.MIN_VALUE);
    worstIncrease = Math.max(worstIncrease, increase);
    if (increase > relativeTolerance)
      failures.offer(size, { spec, seed: caseRng.seed, reason: `objective rose by ${increase} (relative) at iteration ${t + 1}` });
  }
  if (!run.converged) failures.offer(size, { spec, seed: caseRng.seed, reason: `no fixed point within ${ITERATION_CAP} iterations` });
  return { worstIncrease, iterations: run.iterations, size: describeSpec(spec) };
}
