import { BAND_ALPHA } from './bands';
import type { Series, SeriesPoint } from './claim-check';
import { type PairedDifference, pairedDifference } from './paired-difference';

/** One x of a paired-difference plot: two methods' (or models') per-instance values on the same instances. */
export interface PairedValues {
  readonly x: number;
  readonly a: readonly number[];
  readonly b: readonly number[];
}

/** A paired difference drawn at x: its mean, with the band mean ± slack. */
export function pairedDifferencePoint(x: number, difference: Pick<PairedDifference, 'mean' | 'slack'>): SeriesPoint {
  const { mean, slack } = difference;
  return { x, y: mean, lower: mean - slack, upper: mean + slack };
}

/**
 * Issue 12, CLAIMS.md §4 "pair what shares instances": the mean per-instance difference a − b at
 * each x with its paired band, min(Hoeffding, empirical Bernstein) at `sideAlpha` per side
 * (default BAND_ALPHA/2, a pointwise 95% band; a test's own level draws its decision band).
 * `range` is the width of the interval a difference lies in (paired-difference.ts).
 */
export function pairedDifferenceSeries(name: string, points: readonly PairedValues[], range: number, sideAlpha = BAND_ALPHA / 2): Series {
  return {
    name,
    role: 'measured',
    points: points.map((p) => pairedDifferencePoint(p.x, pairedDifference(p.a, p.b, sideAlpha, range))),
  };
}
