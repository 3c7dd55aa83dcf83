import { meanSlack } from '../../../bounds/training-slack';

/** One step between consecutive points of a "does not rise by more than τ" test, with the rise's confidence interval. */
export interface RiseStep<T> {
  readonly earlier: T;
  readonly later: T;
  /** Mean at the later point minus mean at the earlier one. */
  readonly rise: number;
  /** (later − slack) − (earlier + slack): the rise's lower confidence bound. */
  readonly lower: number;
  /** (later + slack) − (earlier − slack): the rise's upper confidence bound. */
  readonly upper: number;
  /** violated: lower > τ; holds: upper ≤ τ; unresolved otherwise. */
  readonly outcome: 'violated' | 'holds' | 'unresolved';
}

/**
 * Claim F3 (c): per step between consecutive points (independent samples, each a mean of values in
 * an interval of width `range`), the rise of the mean with the interval from the two means' slacks,
 * min(Hoeffding, empirical Bernstein) at `sideAlpha` per side. If the true rise is ≤ τ, the step is
 * called violated only when the later mean's lower bound or the earlier mean's upper bound fails:
 * probability ≤ 2·sideAlpha.
 */
export function consecutiveRises<T>(
  points: readonly T[],
  values: (point: T) => readonly number[],
  range: number,
  sideAlpha: number,
  tolerance: number,
): RiseStep<T>[] {
  const bands = points.map((p) => meanSlack(values(p), sideAlpha, range));
  return points.slice(1).map((later, i) => {
    const [before, after] = [bands[i]!, bands[i + 1]!];
    const lower = after.mean - after.slack - (before.mean + before.slack);
    const upper = after.mean + after.slack - (before.mean - before.slack);
    const outcome = lower > tolerance ? 'violated' : upper <= tolerance ? 'holds' : 'unresolved';
    return { earlier: points[i]!, later, rise: after.mean - before.mean, lower, upper, outcome };
  });
}
