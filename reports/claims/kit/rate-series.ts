import { clopperPearsonInterval } from '../../../bounds/clopper-pearson';
import { bernsteinMeanLower, bernsteinMeanUpper } from '../../../bounds/f2-bernstein-mean';
import { mean } from '../../../theory/sample-statistics';
import { BAND_ALPHA } from './bands';
import type { Series, SeriesPoint } from './claim-check';

/**
 * Plotted error rates (F1, F2) on log axes: a zero rate cannot be drawn there, so its point is
 * `undefined` and left out of the series (the rate is still reported among the numbers).
 */

/** The rate successes/trials with its two-sided Clopper–Pearson band at BAND_ALPHA (F1). */
export function binomialRatePoint(x: number, successes: number, trials: number): SeriesPoint | undefined {
  if (successes === 0) return undefined;
  const band = clopperPearsonInterval(successes, trials, BAND_ALPHA);
  return { x, y: successes / trials, lower: band.lower, upper: band.upper };
}

/**
 * The mean of rates in [0, 1] with its band at BAND_ALPHA/2 per side from min(Hoeffding, empirical
 * Bernstein) on the values clipped at `clip` (F2); `undefined` for a zero mean.
 */
export function bernsteinRatePoint(x: number, values: readonly number[], clip: number): SeriesPoint | undefined {
  const y = mean(values);
  if (y === 0) return undefined;
  const test = { bound: Number.MIN_VALUE, clip, alpha: BAND_ALPHA / 2 };
  return { x, y, lower: bernsteinMeanLower(values, test), upper: bernsteinMeanUpper(values, test) };
}

/** A measured series of the points that can be drawn. */
export function measuredSeries(name: string, points: readonly (SeriesPoint | undefined)[]): Series {
  return { name, role: 'measured', points: points.filter((p): p is SeriesPoint => p !== undefined) };
}

/** A theoretical curve: `value` at each x. */
export function curve(name: string, role: Series['role'], xs: readonly number[], value: (x: number) => number): Series {
  return { name, role, points: xs.map((x) => ({ x, y: value(x) })) };
}
