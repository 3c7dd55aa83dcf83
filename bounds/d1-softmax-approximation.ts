import { assertInteger, assertPositive, fail } from '../theory/validate';

/** Claim D1's setting: f L-Lipschitz on [−R, R]^d, anchors on a grid with m points per axis. */
export interface D1Setting {
  readonly d: number;
  /** Anchors per axis, ≥ 2 (M = m^d anchors, spacing h = 2R/(m−1)). */
  readonly m: number;
  readonly R: number;
  readonly L: number;
  readonly beta: number;
}

function validate(s: D1Setting): void {
  assertInteger('d', s.d, 1);
  assertInteger('m', s.m, 2);
  assertPositive('R', s.R);
  assertPositive('L', s.L);
  assertPositive('beta', s.beta);
}

/** The grid anchors x_m (M×d, row-major): m points per axis from −R to R. */
export function d1Anchors(d: number, m: number, R: number): Float64Array[] {
  assertInteger('d', d, 1);
  assertInteger('m', m, 2);
  assertPositive('R', R);
  const h = (2 * R) / (m - 1);
  const out: Float64Array[] = [];
  const total = m ** d;
  for (let index = 0; index < total; index++) {
    const x = new Float64Array(d);
    let rest = index;
    for (let c = 0; c < d; c++) {
      x[c] = -R + h * (rest % m);
      rest = Math.floor(rest / m);
    }
    out.push(x);
  }
  return out;
}

/**
 * Claim D1's surrogate f̃(x) = Σ_m softmax_m(−β‖x − x_m‖²)·f(x_m), for vector values f(x_m)
 * (`values[m]`), computed with the maximum score subtracted so that large β stays finite.
 */
export function d1Surrogate(
  x: ArrayLike<number>,
  anchors: readonly Float64Array[],
  values: readonly ArrayLike<number>[],
  beta: number,
): Float64Array {
  if (anchors.length === 0 || anchors.length !== values.length)
    fail('values length', values.length, `equal to the number of anchors (${anchors.length}, > 0)`);
  const scores = anchors.map((a) => {
    let s = 0;
    for (let c = 0; c < a.length; c++) s += (x[c]! - a[c]!) ** 2;
    return -beta * s;
  });
  const max = Math.max(...scores);
  const width = values[0]!.length;
  const out = new Float64Array(width);
  let total = 0;
  scores.forEach((s, j) => {
    const p = Math.exp(s - max);
    total += p;
    const v = values[j]!;
    for (let c = 0; c < width; c++) out[c] = out[c]! + p * v[c]!;
  });
  for (let c = 0; c < width; c++) out[c] = out[c]! / total;
  return out;
}

/**
 * Claim D1's bound for one δ > 0: sup‖f̃ − f‖ ≤ L(√d·h/2 + δ) + 2LR√d·M·e^{−βδ²}. The far-anchor
 * term is evaluated in log space, so it underflows to 0 rather than giving NaN.
 */
export function d1Bound(s: D1Setting, delta: number): number {
  validate(s);
  assertPositive('delta', delta);
  const h = (2 * s.R) / (s.m - 1);
  const rootD = Math.sqrt(s.d);
  const far = Math.exp(Math.log(2 * s.L * s.R * rootD) + s.d * Math.log(s.m) - s.beta * delta * delta);
  return s.L * ((rootD * h) / 2 + delta) + far;
}

/**
 * The bound minimised over δ (it holds for every δ > 0). As a function of δ it has two local
 * minima: δ → 0 (value ≈ L√d·h/2 + 2LR√d·M) and the larger root of its derivative,
 * 4R√d·M·β·δ·e^{−βδ²} = 1, which lies beyond 1/√(2β) and is found by bisection. Returns the
 * better of the two.
 */
export function d1BestBound(s: D1Setting): { delta: number; bound: number } {
  validate(s);
  const tiny = s.R * 1e-12;
  const nearZero = { delta: tiny, bound: d1Bound(s, tiny) };
  const c = 4 * s.R * Math.sqrt(s.d) * s.m ** s.d * s.beta;
  const g = (delta: number): number => Math.log(c * delta) - s.beta * delta * delta; // > 0 ⇔ the bound decreases
  let lo = 1 / Math.sqrt(2 * s.beta);
  if (!(g(lo) > 0)) return nearZero;
  let hi = 2 * lo;
  while (g(hi) > 0) hi *= 2;
  for (let it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
    const mid = (lo + hi) / 2;
    if (g(mid) > 0) lo = mid;
    else hi = mid;
  }
  const root = { delta: hi, bound: d1Bound(s, hi) };
  return root.bound <= nearZero.bound ? root : nearZero;
}
