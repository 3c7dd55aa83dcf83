import { claimEntry } from '../../bounds/registry';
import { type EmResult, em } from '../../theory/em';
import { kmeansPlusPlus } from '../../theory/init';
import type { Matrix } from '../../theory/matrix';
import { type MixtureSpec, sampleInstance } from '../../theory/mixture';
import { responsibilityDefects } from '../../theory/responsibility-defects';
import type { Rng } from '../../theory/rng';
import type { ClaimCheck } from './kit/claim-check';
import { type LimitCheck, limitHeadline, tightestLimit } from './kit/headline';
import { describeSpec, randomSpec, type SpecRanges } from './kit/random-spec';
import { SmallestCase } from './kit/smallest-case';
import { verdictOf } from './kit/verdict';

const { relativeTolerance, rowSumTolerance } = claimEntry('A3').constants;
const ITERATIONS = 50;
/** A3's regime: random mixtures, including poorly separated ones. */
const RANGES: SpecRanges = { k: [1, 6], d: [1, 6], n: [10, 300], delta: [0.5, 8] };

/** A3's sizes: EM runs. */
interface A3Scale {
  readonly cases: number;
}

type Failure = { spec: MixtureSpec; seed: number; reason: string };

interface CaseOutcome {
  /** The case's mixture, as the headline names it. */
  readonly size: string;
  readonly worstDecrease: number;
  readonly worstRowSumError: number;
  readonly negativeEntries: number;
}

/**
 * EM as A3 runs it: from `init`, at most `maxIterations` iterations. The claim's subject is theory
 * em; a negative control breaks it (properties/negative-controls-a2-a3.test.ts).
 */
export type A3Em = (points: Matrix, init: Matrix, options: { maxIterations: number }) => Pick<EmResult, 'history' | 'responsibilities'>;

/** A3: EM from k-means++ on random mixtures; log-likelihood monotone, responsibilities a distribution. */
export function a3Check(runEm: A3Em = em): ClaimCheck<A3Scale> {
  return {
    id: 'A3',
    scales: { quick: { cases: 40 }, default: { cases: 400 } },
    async run({ rng, scale, progress }) {
      const { cases } = scale;
      const failures = new SmallestCase<Failure>();
      let worstDecrease = 0;
      let worstRowSum = 0;
      const worstAt = { decrease: `in all ${cases} runs`, rowSum: `in all ${cases} runs` };
      let negative = 0;
      for (let c = 0; c < cases; c++) {
        const outcome = measureCase(rng.split(c), runEm, failures); // stream c: case c
        if (!(outcome.worstDecrease <= worstDecrease))
          [worstDecrease, worstAt.decrease] = [outcome.worstDecrease, `at case ${c} (${outcome.size})`];
        if (!(outcome.worstRowSumError <= worstRowSum))
          [worstRowSum, worstAt.rowSum] = [outcome.worstRowSumError, `at case ${c} (${outcome.size})`];
        negative += outcome.negativeEntries;
        if (c % 20 === 0) progress.tick(c, cases);
      }
      progress.tick(cases, cases);
      return {
        id: 'A3',
        verdict: verdictOf({ violations: failures.count, unresolved: 0 }),
        summary: `${cases} runs: worst relative log-likelihood decrease ${worstDecrease.toExponential(2)} (allowed ${relativeTolerance}); worst row-sum error ${worstRowSum.toExponential(2)}`,
        headline: limitHeadline(
          tightestLimit([
            limitOf('relative log-likelihood decrease per iteration', relativeTolerance, worstDecrease, worstAt.decrease),
            limitOf('row-sum error of the responsibilities', rowSumTolerance, worstRowSum, worstAt.rowSum),
            limitOf('negative responsibilities', 0, negative, `in ${cases} runs`),
          ]),
        ),
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
}

export const check = a3Check();

/** One of A3's limits, each checked on every run. */
function limitOf(quantity: string, limit: number, measured: number, where: string): LimitCheck {
  return { quantity, side: 'at most', limit, measured, where };
}

/** One EM run: offers every log-likelihood decrease beyond the tolerance, and defective responsibilities, as failures. */
function measureCase(caseRng: Rng, runEm: A3Em, failures: SmallestCase<Failure>): CaseOutcome {
  const spec = randomSpec(caseRng, RANGES);
  const instance = sampleInstance(spec, caseRng);
  const run = runEm(instance.points, kmeansPlusPlus(instance.points, spec.k, caseRng), { maxIterations: ITERATIONS });
  const size = spec.n * spec.k * spec.d;
  let worstDecrease = 0;
  for (let t = 1; t < run.history.length; t++) {
    const decrease = (run.history[t - 1]! - run.history[t]!) / Math.abs(run.history[t - 1]!);
    worstDecrease = Math.max(worstDecrease, decrease);
    if (decrease > relativeTolerance)
      failures.offer(size, { spec, seed: caseRng.seed, reason: `log-likelihood fell by ${decrease} (relative) at iteration ${t}` });
  }
  const defects = responsibilityDefects(run.responsibilities);
  if (defects.negativeEntries > 0 || defects.worstRowSumError > rowSumTolerance) {
    failures.offer(size, {
      spec,
      seed: caseRng.seed,
      reason: `responsibilities: ${defects.negativeEntries} negative entries, row-sum error ${defects.worstRowSumError}`,
    });
  }
  return {
    size: describeSpec(spec),
    worstDecrease,
    worstRowSumError: defects.worstRowSumError,
    negativeEntries: defects.negativeEntries,
  };
}
