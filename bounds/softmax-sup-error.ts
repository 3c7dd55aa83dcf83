import { assertInteger, fail } from '../theory/validate';

/**
 * Claim D2: an upper bound, fixed before any held-out point is drawn, on sup_x |f̃(x) − f(x)| over
 * the box [lower, upper]^d for f̃(x) = Σ_m softmax_m(−β_m‖x − x_m‖²)·v_m. It is the range of the
 * per-point squared errors' bands: the cruder bound max(max v − min f, max f − min v) (f̃ is a
 * convex combination of the v_m) makes the empirical-Bernstein range term swamp small errors.
 *
 * By cells of a grid: on a cell C, each weight's score lies in [−β_m·maxdist²(C, x_m),
 * −β_m·mindist²(C, x_m)], so w_m = exp(score) lies in an interval [a_m, b_m]; the ratio
 * Σ w_m v_m / Σ w_m over that box of weights is largest when w_m = b_m for the k largest v_m and a_m
 * for the others, for some k (a linear-fractional program over a box), and smallest likewise. With
 * the target's exact interval [f_lo, f_hi] on C, |f̃ − f| ≤ max(f̃_hi − f_lo, f_hi − f̃_lo) on C.
 */
export interface SoftmaxApproximatorParameters {
  /** M × d anchors, row-major. */
  readonly anchors: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  /** β_m > 0. */
  readonly betas: ArrayLike<number>;
  readonly dimension: number;
}

export interface Box {
  readonly lower: number;
  readonly upper: number;
}

/** The target's exact value interval on the cell [lo, hi] (per coordinate). */
export type CellRange = (lo: readonly number[], hi: readonly number[]) => readonly [number, number];

/** [min, max] of Σ w_m v_m / Σ w_m over w_m ∈ [a_m, b_m], v sorted descending by `order`. */
function ratioRange(values: ArrayLike<number>, order: readonly number[], a: Float64Array, b: Float64Array): [number, number] {
  const m = order.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < m; i++) {
    num += a[i]! * values[i]!;
    den += a[i]!;
  }
  let hi = den > 0 ? num / den : Number.NEGATIVE_INFINITY;
  let lo = den > 0 ? num / den : Number.POSITIVE_INFINITY;
  // the k largest values at b (descending order), the others at a; then the k smallest at b
  for (const [start, step] of [
    [0, 1],
    [m - 1, -1],
  ] as const) {
    let n = num;
    let w = den;
    for (let k = start; k >= 0 && k < m; k += step) {
      const i = order[k]!;
      n += (b[i]! - a[i]!) * values[i]!;
      w += b[i]! - a[i]!;
      if (w > 0) {
        if (step === 1) hi = Math.max(hi, n / w);
        else lo = Math.min(lo, n / w);
      }
    }
  }
  return [lo, hi];
}

/**
 * The bound over a grid of `cellsPerAxis`^d cells. Float64 throughout; the caller adds the
 * margin for the model's own float32 rounding.
 */
export function softmaxApproximatorSupError(
  parameters: SoftmaxApproximatorParameters,
  box: Box,
  target: CellRange,
  cellsPerAxis: number,
): number {
  const { anchors, values, betas, dimension: d } = parameters;
  assertInteger('cellsPerAxis', cellsPerAxis, 1);
  const m = values.length;
  if (anchors.length !== m * d || betas.length !== m)
    fail('parameters', { anchors: anchors.length, betas: betas.length }, `M × d and M entries (M = ${m})`);
  const order = Array.from({ length: m }, (_, i) => i).sort((i, j) => values[j]! - values[i]!);
  const width = (box.upper - box.lower) / cellsPerAxis;
  const lo = new Array<number>(d).fill(0);
  const hi = new Array<number>(d).fill(0);
  const sLow = new Float64Array(m);
  const sHigh = new Float64Array(m);
  const a = new Float64Array(m);
  const b = new Float64Array(m);
  const index = new Array<number>(d).fill(0);
  let worst = 0;
  const cells = cellsPerAxis ** d;
  for (let cell = 0; cell < cells; cell++) {
    let rest = cell;
    for (let c = 0; c < d; c++) {
      index[c] = rest % cellsPerAxis;
      rest = Math.floor(rest / cellsPerAxis);
      lo[c] = box.lower + index[c]! * width;
      hi[c] = index[c] === cellsPerAxis - 1 ? box.upper : lo[c]! + width;
    }
    let top = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      let near = 0;
      let far = 0;
      for (let c = 0; c < d; c++) {
        const x = anchors[i * d + c]!;
        const gap = Math.max(0, lo[c]! - x, x - hi[c]!);
        near += gap * gap;
        far += Math.max((x - lo[c]!) ** 2, (x - hi[c]!) ** 2);
      }
      sLow[i] = -betas[i]! * far;
      sHigh[i] = -betas[i]! * near;
      top = Math.max(top, sHigh[i]!);
    }
    for (let i = 0; i < m; i++) {
      a[i] = Math.exp(sLow[i]! - top);
      b[i] = Math.exp(sHigh[i]! - top);
    }
    const [approxLow, approxHigh] = ratioRange(values, order, a, b);
    const [fLow, fHigh] = target(lo, hi);
    worst = Math.max(worst, approxHigh - fLow, fHigh - approxLow);
  }
  return worst;
}

/** The float32 unit roundoff. */
const U32 = 2 ** -24;

/**
 * How far a float32 evaluation of f̃ (scores −β_m·(‖x‖² − 2⟨x, x_m⟩ + ‖x_m‖²), softmax, then the
 * weighted sum) may stray from the exact f̃ on the box: each squared distance is off by at most
 * η_m = β_m·(d + 2)·4u·(‖x‖ + ‖x_m‖)² (u = 2⁻²⁴), shifting every weight by a factor within
 * e^{±2η}, so the convex combination moves by ≤ (e^{2η} − 1)·(max v − min v); the weighted sum
 * adds ≤ (M + 4)·u·max|v|.
 */
export function float32PredictionMargin(parameters: SoftmaxApproximatorParameters, box: Box): number {
  const { anchors, values, betas, dimension: d } = parameters;
  const m = values.length;
  const xNorm = Math.sqrt(d) * Math.max(Math.abs(box.lower), Math.abs(box.upper));
  let eta = 0;
  for (let i = 0; i < m; i++) {
    let norm = 0;
    for (let c = 0; c < d; c++) norm += anchors[i * d + c]! ** 2;
    eta = Math.max(eta, betas[i]! * (d + 2) * 4 * U32 * (xNorm + Math.sqrt(norm)) ** 2);
  }
  let vLow = Number.POSITIVE_INFINITY;
  let vHigh = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < m; i++) {
    vLow = Math.min(vLow, values[i]!);
    vHigh = Math.max(vHigh, values[i]!);
  }
  return Math.expm1(2 * eta) * (vHigh - vLow) + (m + 4) * U32 * Math.max(Math.abs(vLow), Math.abs(vHigh));
}
