import logcdf from '@stdlib/stats-base-dists-normal-logcdf';
import { assertFinite } from './validate';

/** log Φ(x) for the standard normal CDF Φ, accurate far into the lower tail (CLAIMS.md §1: Φ(−16) ≈ 6e-58). */
export function logPhi(x: number): number {
  assertFinite('x', x);
  return logcdf(x, 0, 1);
}

/** Φ(x). Underflows to 0 only below about x = −38. */
export function phi(x: number): number {
  return Math.exp(logPhi(x));
}
