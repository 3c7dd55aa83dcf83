import { assertInteger, assertPositive, fail } from '../theory/validate';
import { assertProbability } from './clopper-pearson';

/**
 * Hoeffding's inequality (CLAIMS.md §4): for R independent samples in an interval of width `range`,
 * P(mean − E[mean] ≥ t) ≤ exp(−2Rt²/range²), and the same for the lower tail. `sides` = 2
 * bounds both tails at once.
 */
export type Sides = 1 | 2;

function assertSides(sides: unknown): Sides {
  if (sides !== 1 && sides !== 2) fail('sides', sides, '1 or 2');
  return sides;
}

/** The deviation t = range·sqrt(ln(sides/δ)/(2R)) exceeded with probability at most δ. */
export function hoeffdingDeviation(samples: number, failureProbability: number, range = 1, sides: Sides = 1): number {
  assertInteger('samples', samples, 1);
  assertProbability('failureProbability', failureProbability);
  assertPositive('range', range);
  assertSides(sides);
  return range * Math.sqrt(Math.log(sides / failureProbability) / (2 * samples));
}

/** The smallest R whose Hoeffding deviation at failure probability δ is at most `deviation`. */
export function hoeffdingSampleSize(deviation: number, failureProbability: number, range = 1, sides: Sides = 1): number {
  assertPositive('deviation', deviation);
  assertProbability('failureProbability', failureProbability);
  assertPositive('range', range);
  assertSides(sides);
  const samples = Math.ceil((range * range * Math.log(sides / failureProbability)) / (2 * deviation * deviation));
  if (!Number.isSafeInteger(samples)) fail('deviation', deviation, `large enough that the sample size is finite (range ${range})`);
  return samples;
}
