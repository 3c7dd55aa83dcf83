import { fail } from '../theory/validate';
import { type BootstrapOptions, type BootstrapSlope, bootstrapLogLogSlope, resampleCounts, weightedMean } from './bootstrap-slope';
import { compareMedians, type MedianComparison, median, type SeedLosses } from './median-dominance';
import { bonferroni } from './repetitions';

/**
 * Claim D2's judgement of one target: held-out squared errors of R trained approximators (seeds)
 * per head count M, on points shared by every M and seed. The error at M is the median over seeds
 * of the RMSE; a rise or a halving is decided on the median MSE (RMSE is its square root, so the
 * order is the same and "RMSE halves" is "MSE falls by the factor 1/4") through the paired
 * median comparisons of bounds/median-dominance.ts.
 */
export interface D2Trend {
  /** Per M: the median over seeds of the held-out RMSE. */
  readonly medianRmse: readonly number[];
  /** Per consecutive pair (M_i, M_{i+1}): med MSE at M_{i+1} against med MSE at M_i. */
  readonly steps: readonly MedianComparison[];
  /** Indices i of the steps M_i → M_{i+1} whose median error rises with confidence. */
  readonly rises: readonly number[];
  /** Index of the smallest M ≥ 2: where the halving is measured from. */
  readonly halvingFrom: number;
  /** med MSE at the largest M against halvingFactor²·(med MSE at the smallest M ≥ 2). */
  readonly halving: MedianComparison;
  /** One-sided bounds used: (m − 1)·R² for the steps (rise side) and 2·R² for the halving. */
  readonly boundsUsed: number;
  readonly sideAlpha: number;
  /** A rise, or the halving refuted: the claim is rejected (probability ≤ familyWiseAlpha if it holds). */
  readonly violated: boolean;
  /** The halving certified with confidence. */
  readonly halves: boolean;
}

/**
 * `losses[i][s]`: seed s's per-point squared errors at heads[i] (increasing M, an odd number of
 * seeds, the same points everywhere). All one-sided bounds hold at once with probability
 * ≥ 1 − familyWiseAlpha (Bonferroni), and then a non-rising step is never flagged and a refuted or
 * certified halving is right.
 */
export function d2ErrorTrend(
  heads: readonly number[],
  losses: readonly (readonly SeedLosses[])[],
  halvingFactor: number,
  familyWiseAlpha: number,
): D2Trend {
  if (losses.length !== heads.length) fail('losses length', losses.length, `equal to the heads length (${heads.length})`);
  heads.forEach((m, i) => {
    if (i > 0 && !(m > heads[i - 1]!)) fail('heads', heads, 'increasing');
  });
  const halvingFrom = heads.findIndex((m) => m >= 2);
  if (halvingFrom < 0 || halvingFrom === heads.length - 1) fail('heads', heads, 'two or more values ≥ 2');
  const seeds = losses[0]!.length;
  const boundsUsed = (heads.length + 1) * seeds * seeds;
  const sideAlpha = bonferroni(familyWiseAlpha, boundsUsed);
  const medianRmse = losses.map((group) => Math.sqrt(median(group.map((s) => meanOf(s.values)))));
  const steps = losses.slice(1).map((later, i) => compareMedians(later, losses[i]!, 1, sideAlpha));
  const rises = steps.flatMap((s, i) => (s.above ? [i] : []));
  const halving = compareMedians(losses.at(-1)!, losses[halvingFrom]!, halvingFactor ** 2, sideAlpha);
  return {
    medianRmse,
    steps,
    rises,
    halvingFrom,
    halving,
    boundsUsed,
    sideAlpha,
    violated: rises.length > 0 || halving.above,
    halves: halving.below,
  };
}

function meanOf(values: ArrayLike<number>): number {
  let total = 0;
  for (let j = 0; j < values.length; j++) total += values[j]!;
  return total / values.length;
}

/**
 * Claim D2's slope: the log-log least-squares slope of the median RMSE against M over every M ≥ 2
 * (M = 1 is a constant function, no approximation by anchors), with a percentile-bootstrap
 * interval. A resample draws the held-out points with replacement (once, shared by every M and
 * seed: the pairing is kept) and, per M, R seeds with replacement; its y at M is the median over
 * the drawn seeds of their RMSE on the drawn points.
 */
export function d2SlopeInterval(
  heads: readonly number[],
  losses: readonly (readonly SeedLosses[])[],
  options: BootstrapOptions,
): BootstrapSlope {
  const from = heads.findIndex((m) => m >= 2);
  if (from < 0) fail('heads', heads, 'some M ≥ 2');
  const fitted = losses.slice(from);
  const points = fitted[0]![0]!.values.length;
  const all = new Uint32Array(points).fill(1);
  const medianRmse = (counts: Uint32Array, pick: (group: readonly SeedLosses[]) => readonly SeedLosses[]) =>
    fitted.map((group) => Math.sqrt(median(pick(group).map((s) => weightedMean(s.values, counts)))));
  return bootstrapLogLogSlope(
    heads.slice(from),
    medianRmse(all, (group) => group),
    (rng) => {
      const counts = resampleCounts(points, rng.split(0));
      const seedRng = rng.split(1);
      return medianRmse(counts, (group) =>
        group.map(() => group[Math.min(group.length - 1, Math.floor(seedRng.uniform() * group.length))]!),
      );
    },
    options,
  );
}
