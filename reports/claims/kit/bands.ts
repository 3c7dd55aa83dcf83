import { meanSlack } from '../../../bounds/training-slack';
import type { SeriesPoint } from './claim-check';

/** Two-sided miscoverage of every plotted pointwise band (95% bands). */
export const BAND_ALPHA = 0.05;

/** Percent coverage of the plotted bands, for plot titles. */
export const BAND_PERCENT = Math.round(100 * (1 - BAND_ALPHA));

/**
 * A mean with its pointwise band: min(Hoeffding, empirical Bernstein) at BAND_ALPHA/2 per side, for
 * values in an interval of width `range`; the lower end is clipped at `floor` (a rate cannot be negative).
 */
export function bandPoint(x: number, values: readonly number[], range: number, floor = 0): SeriesPoint {
  const { mean: y, slack } = meanSlack(values, BAND_ALPHA / 2, range);
  return { x, y, lower: Math.max(floor, y - slack), upper: y + slack };
}
