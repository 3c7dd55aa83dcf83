import { bonferroni } from '../../../bounds/repetitions';
import { type MeanSlack, meanSlack } from '../../../bounds/training-slack';

/** Two points of a trend where the later one's lower confidence bound lies above the earlier one's upper bound. */
export interface Rise<T> {
  readonly earlier: T;
  readonly later: T;
  readonly earlierBand: MeanSlack;
  readonly laterBand: MeanSlack;
}

export interface TrendRises<T> {
  /** Failure probability of each one-sided bound. */
  readonly sideAlpha: number;
  /** One-sided bounds the comparisons use: an upper bound at every point but the last, a lower one at every point but the first. */
  readonly boundsUsed: number;
  readonly comparedPairs: number;
  readonly rises: readonly Rise<T>[];
}

/**
 * A "does not rise" trend (claim F3) over points in increasing order of the trend variable:
 * a pair (earlier, later) rises when mean − slack at the later point exceeds mean + slack at the
 * earlier one, slack = min(Hoeffding, empirical Bernstein) at a Bonferroni share of
 * `familyWiseAlpha` over the one-sided bounds used (CLAIMS.md §4). All those bounds hold at once
 * with probability ≥ 1 − familyWiseAlpha, and then no pair whose expected error does not rise is
 * flagged. `pairs` compares consecutive points only, or every pair. These are marginal bands: when
 * the points share instances, kit/paired-trend.ts compares them through paired differences instead
 * (CLAIMS.md §4, "pair what shares instances").
 */
export function trendRises<T>(
  points: readonly T[],
  values: (point: T) => readonly number[],
  range: number,
  familyWiseAlpha: number,
  pairs: 'consecutive' | 'all',
): TrendRises<T> {
  const boundsUsed = 2 * (points.length - 1);
  const sideAlpha = bonferroni(familyWiseAlpha, Math.max(1, boundsUsed));
  const bands = points.map((p) => meanSlack(values(p), sideAlpha, range));
  const rises: Rise<T>[] = [];
  let comparedPairs = 0;
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < (pairs === 'all' ? points.length : Math.min(points.length, i + 2)); j++) {
      comparedPairs++;
      const [earlierBand, laterBand] = [bands[i]!, bands[j]!];
      if (laterBand.mean - laterBand.slack > earlierBand.mean + earlierBand.slack)
        rises.push({ earlier: points[i]!, later: points[j]!, earlierBand, laterBand });
    }
  }
  return { sideAlpha, boundsUsed, comparedPairs, rises };
}
