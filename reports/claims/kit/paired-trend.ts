import { bonferroni } from '../../../bounds/repetitions';
import { type PairedDifference, pairedDifference } from './paired-difference';

/** One step of a trend: the later point's per-instance values minus the earlier one's, on the same instances. */
export interface PairedStep<T> {
  readonly earlier: T;
  readonly later: T;
  readonly difference: PairedDifference;
}

export interface PairedTrend<T> {
  /** Failure probability of each one-sided bound. */
  readonly sideAlpha: number;
  /** One-sided bounds used: a lower bound per consecutive step, and both bounds of the ends' difference. */
  readonly boundsUsed: number;
  /** Consecutive steps, in order. */
  readonly steps: readonly PairedStep<T>[];
  /** The steps whose difference is significantly above 0 (later − earlier: the value rises). */
  readonly rises: readonly PairedStep<T>[];
  /** The last point minus the first: `below` certifies a fall, `above` a rise, both one-sided. */
  readonly ends: PairedStep<T>;
}

/**
 * A "does not rise, and falls from end to end" trend (claim F4; any trend whose points are
 * evaluated on the same instances), CLAIMS.md §4 "pair what shares instances": every comparison is
 * a paired difference of per-instance values, never two marginal bands. `range` is the width of
 * the interval a per-instance difference lies in. The m − 1 step lower bounds and the two bounds
 * of the ends share `familyWiseAlpha` by Bonferroni, so with probability ≥ 1 − familyWiseAlpha no
 * step whose expected value does not rise is flagged and the ends' verdict is right.
 */
export function pairedTrend<T>(
  points: readonly T[],
  values: (point: T) => readonly number[],
  range: number,
  familyWiseAlpha: number,
): PairedTrend<T> {
  if (points.length < 2) throw new RangeError(`a trend needs at least 2 points, got ${points.length}`);
  const boundsUsed = points.length - 1 + 2;
  const sideAlpha = bonferroni(familyWiseAlpha, boundsUsed);
  const step = (earlier: T, later: T): PairedStep<T> => ({
    earlier,
    later,
    difference: pairedDifference(values(later), values(earlier), sideAlpha, range),
  });
  const steps = points.slice(1).map((later, i) => step(points[i]!, later));
  return {
    sideAlpha,
    boundsUsed,
    steps,
    rises: steps.filter((s) => s.difference.above),
    ends: step(points[0]!, points.at(-1)!),
  };
}
