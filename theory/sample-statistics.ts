import { fail } from './validate';

/**
 * Descriptive statistics shared by the reports (pure functions, float64, no tensor library):
 * the sample mean and least-squares slopes. They carry no confidence statement; the confidence
 * bounds of CLAIMS.md §4 live in bounds/.
 */

/** The arithmetic mean (1/R)·Σ x_r of a non-empty list. */
export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) fail('values length', 0, 'at least 1');
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total / values.length;
}

/**
 * The ordinary least-squares slope of y on x: Σ(x − x̄)(y − ȳ) / Σ(x − x̄)². Needs equal lengths
 * and at least two distinct x.
 */
export function leastSquaresSlope(xs: readonly number[], ys: readonly number[]): number {
  if (ys.length !== xs.length) fail('ys length', ys.length, `equal to the xs length (${xs.length})`);
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
  });
  if (!(sxx > 0)) fail('xs', xs, 'at least two distinct values');
  return sxy / sxx;
}

/**
 * The least-squares slope of log y on log x: the exponent b of a power law y ≈ a·x^b. Needs
 * x, y > 0 (and at least two distinct x).
 */
export function logLogSlope(xs: readonly number[], ys: readonly number[]): number {
  xs.forEach((x, i) => {
    if (!(x > 0)) fail(`xs[${i}]`, x, 'positive (log-log fit)');
  });
  ys.forEach((y, i) => {
    if (!(y > 0)) fail(`ys[${i}]`, y, 'positive (log-log fit)');
  });
  return leastSquaresSlope(xs.map(Math.log), ys.map(Math.log));
}
