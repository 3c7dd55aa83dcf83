import type { Rng } from '../theory/rng';
import { logLogSlope } from '../theory/sample-statistics';
import { assertInteger, fail } from '../theory/validate';
import { assertProbability } from './clopper-pearson';

/**
 * Percentile-bootstrap intervals for the least-squares slope of log y on log x (claims D2 and F4:
 * the rate of an error against M or N). Pure given the seeded `rng`: the same seed gives the same
 * interval. Every x of the series enters every fit; when some y of the sample (or of a resample)
 * is ≤ 0 the log-log fit is undefined there, and that is reported, never repaired by dropping x.
 */

export interface BootstrapSlope {
  /** The least-squares log-log slope on the sample itself; undefined when some y ≤ 0 or fewer than 2 distinct x. */
  readonly estimate: number | undefined;
  /** The series fitted: every x, and the sample's y at each. */
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  /** Two-sided coverage level of the interval, e.g. 0.95. */
  readonly level: number;
  readonly replicates: number;
  /** Resamples in which some y came out ≤ 0, so that their fit is undefined. */
  readonly undefinedReplicates: number;
  /**
   * The percentile interval [q_{(1−level)/2}, q_{(1+level)/2}] of the resampled slopes; undefined
   * when the estimate is undefined or any resample's fit is (an interval over the defined
   * resamples only would select on the outcome).
   */
  readonly interval: readonly [number, number] | undefined;
}

export interface BootstrapOptions {
  readonly replicates: number;
  /** Two-sided coverage level in (0, 1). */
  readonly level: number;
  readonly rng: Rng;
}

/** The slope, or undefined when some y ≤ 0 (or is not finite), or fewer than 2 distinct x. */
export function logLogSlopeOrUndefined(xs: readonly number[], ys: readonly number[]): number | undefined {
  return new Set(xs).size >= 2 && ys.every((y) => y > 0 && Number.isFinite(y)) ? logLogSlope(xs, ys) : undefined;
}

/**
 * The order-statistic percentile q_p of sorted values: the ⌈p·B⌉-th smallest (1-based), clamped to
 * [1, B]: for p = (1 − level)/2 and (1 + level)/2 the standard percentile interval.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) fail('sorted length', 0, 'at least 1');
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1]!;
}

/**
 * The percentile bootstrap of a log-log slope: `sample` are the ys of the data, `replicate(rng)`
 * draws one resample's ys (same length as xs) from the stream it is given. Replicate r draws from
 * rng.split(r), so replicates are independent of their order and of each other.
 */
export function bootstrapLogLogSlope(
  xs: readonly number[],
  sample: readonly number[],
  replicate: (rng: Rng) => readonly number[],
  { replicates, level, rng }: BootstrapOptions,
): BootstrapSlope {
  assertInteger('replicates', replicates, 2);
  assertProbability('level', level);
  if (sample.length !== xs.length) fail('sample length', sample.length, `equal to the xs length (${xs.length})`);
  const estimate = logLogSlopeOrUndefined(xs, sample);
  const slopes: number[] = [];
  let undefinedReplicates = 0;
  for (let r = 0; r < replicates; r++) {
    const ys = replicate(rng.split(r));
    if (ys.length !== xs.length) fail('replicate length', ys.length, `equal to the xs length (${xs.length})`);
    const slope = logLogSlopeOrUndefined(xs, ys);
    if (slope === undefined) undefinedReplicates++;
    else slopes.push(slope);
  }
  slopes.sort((a, b) => a - b);
  const interval: readonly [number, number] | undefined =
    estimate !== undefined && undefinedReplicates === 0
      ? [percentile(slopes, (1 - level) / 2), percentile(slopes, (1 + level) / 2)]
      : undefined;
  return { estimate, xs, ys: sample, level, replicates, undefinedReplicates, interval };
}

/** How many times each of `units` units is drawn in a resample of the same size (with replacement). */
export function resampleCounts(units: number, rng: Rng): Uint32Array {
  assertInteger('units', units, 1);
  const counts = new Uint32Array(units);
  for (let i = 0; i < units; i++) counts[Math.min(units - 1, Math.floor(rng.uniform() * units))]!++;
  return counts;
}

/** Σ_j counts_j·values_j / Σ_j counts_j: the mean of a resample given by its counts. */
export function weightedMean(values: ArrayLike<number>, counts: Uint32Array): number {
  if (values.length !== counts.length) fail('values length', values.length, `equal to the counts length (${counts.length})`);
  let total = 0;
  let weight = 0;
  for (let j = 0; j < counts.length; j++) {
    const c = counts[j]!;
    if (c > 0) {
      total += c * values[j]!;
      weight += c;
    }
  }
  return total / weight;
}

/**
 * The paired case: `values[i][j]` is instance j's value at x_i, the same instances at every x, and
 * y_i is their mean. A resample draws instances with replacement once and uses them at every x,
 * so the pairing is kept.
 */
export function pairedMeansLogLogSlope(
  xs: readonly number[],
  values: readonly (readonly number[])[],
  options: BootstrapOptions,
): BootstrapSlope {
  if (values.length !== xs.length) fail('values length', values.length, `equal to the xs length (${xs.length})`);
  const units = values[0]?.length ?? 0;
  values.forEach((v, i) => {
    if (v.length !== units) fail(`values[${i}] length`, v.length, `equal to values[0]'s (${units})`);
  });
  const all = new Uint32Array(units).fill(1);
  return bootstrapLogLogSlope(
    xs,
    values.map((v) => weightedMean(v, all)),
    (rng) => {
      const counts = resampleCounts(units, rng);
      return values.map((v) => weightedMean(v, counts));
    },
    options,
  );
}
