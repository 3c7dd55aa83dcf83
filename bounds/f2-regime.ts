import { assertInteger, assertPositive } from '../theory/validate';

/** Claim F2's regime (CLAIMS.md §3): n ≥ 1000, Δ/σ ∈ [3, 8], k ≤ 8 and k·d/n ≤ kdOverNMax. */
export const F2_MIN_N = 1000;
export const F2_MAX_K = 8;
export const F2_SNR_RANGE = [3, 8] as const;

export interface F2RegimeCell {
  readonly k: number;
  readonly d: number;
  readonly n: number;
  /** Δ/σ. */
  readonly delta: number;
}

/** k·d/n ≤ max, decided in integers where max·n is one (k·d ≤ max·n, up to one rounding of the product). */
function kdWithin(k: number, d: number, n: number, kdOverNMax: number): boolean {
  return k * d <= kdOverNMax * n * (1 + Number.EPSILON);
}

/** Whether a cell lies in claim F2's regime. */
export function inF2Regime(cell: F2RegimeCell, kdOverNMax: number): boolean {
  const { k, d, n, delta } = cell;
  return n >= F2_MIN_N && delta >= F2_SNR_RANGE[0] && delta <= F2_SNR_RANGE[1] && k <= F2_MAX_K && kdWithin(k, d, n, kdOverNMax);
}

/** The fewest points n ≥ 1000 with k·d/n ≤ kdOverNMax: F2's in-regime n for k clusters in d dimensions. */
export function f2RegimeN(k: number, d: number, kdOverNMax: number): number {
  assertInteger('k', k, 1);
  assertInteger('d', d, 1);
  assertPositive('kdOverNMax', kdOverNMax);
  let n = Math.max(F2_MIN_N, Math.ceil((k * d) / kdOverNMax));
  while (n > F2_MIN_N && kdWithin(k, d, n - 1, kdOverNMax)) n--;
  while (!kdWithin(k, d, n, kdOverNMax)) n++;
  return n;
}
