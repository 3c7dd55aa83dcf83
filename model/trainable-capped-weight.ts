import * as tf from '@tensorflow/tfjs';

/**
 * The temperature cap of the trainable layers (claims B3, C3), on each head's bilinear form
 * A = W_Q W_Kᵀ: a head scores token i against token j by t_iᵀ A t_j, so its effective inverse
 * temperature is ‖A‖₂, the spectral norm. Capping W_Q and W_K apart does not cap it (a pair of
 * centred factors with the construction's Frobenius norms reaches k/(k−1) times the construction's
 * ‖A‖₂ in the M-step layer), so the cap is on the product:
 *   (W_Q, W_K) ↦ (W_Q · min(1, cap/‖W_Q W_Kᵀ‖₂), W_K),
 * a differentiable reparameterisation whose effective bilinear form is A·min(1, cap/‖A‖₂): every
 * A with ‖A‖₂ ≤ cap is its own image (so the hand-set construction, with ‖A‖₂ = cap, is reached
 * exactly, bit for bit), and no image has ‖A‖₂ > cap (up to float32 rounding of the rescaled
 * entries, relative ~1e-7).
 *
 * ‖A‖₂ is computed exactly for the small sizes here (A is D×D with D ≤ 30 and rank ≤ h ≤ 8): the
 * top eigenpair of AᵀA by cyclic Jacobi in float64. Its gradient is that of uᵀ W_Q W_Kᵀ v with the
 * top singular pair (u, v) held fixed, which is the derivative of ‖A‖₂ wherever the top singular
 * value is simple (and a subgradient where it is not). A projection after each optimiser step
 * would need a hook in the shared training loop; the reparameterisation keeps the loop untouched
 * and the effective weights inside the class at every forward pass, training or not.
 */

/** Relative float64 rounding allowed when deciding ‖A‖₂ ≤ cap (the Jacobi eigenvalue's own rounding). */
const NORM_ROUNDING = 1e-12;
const MAX_SWEEPS = 60;

/** The largest singular value of A = Q Kᵀ (Q, K row-major rows×cols) and its singular vectors, in float64. */
export interface TopSingular {
  readonly norm: number;
  /** Left singular vector (length rows): A v = norm·u. */
  readonly u: Float64Array;
  /** Right singular vector (length rows). */
  readonly v: Float64Array;
}

/** Top eigenpair of a symmetric n×n matrix (row-major) by cyclic Jacobi rotations. */
function topEigenpair(matrix: Float64Array, n: number): { value: number; vector: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    let diagonal = 0;
    for (let p = 0; p < n; p++) {
      diagonal += a[p * n + p]! ** 2;
      for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    }
    if (off <= 1e-32 * diagonal || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < n; r++) {
          const arp = a[r * n + p]!;
          const arq = a[r * n + q]!;
          a[r * n + p] = c * arp - s * arq;
          a[r * n + q] = s * arp + c * arq;
        }
        for (let r = 0; r < n; r++) {
          const apr = a[p * n + r]!;
          const aqr = a[q * n + r]!;
          a[p * n + r] = c * apr - s * aqr;
          a[q * n + r] = s * apr + c * aqr;
        }
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        for (let r = 0; r < n; r++) {
          const vrp = v[r * n + p]!;
          const vrq = v[r * n + q]!;
          v[r * n + p] = c * vrp - s * vrq;
          v[r * n + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i < n; i++) if (a[i * n + i]! > a[best * n + best]!) best = i;
  const vector = new Float64Array(n);
  for (let r = 0; r < n; r++) vector[r] = v[r * n + best]!;
  return { value: a[best * n + best]!, vector };
}

/** ‖Q Kᵀ‖₂ and its top singular pair, exactly (float64 Jacobi on AᵀA), for Q, K of shape rows×cols (row-major). */
export function topSingularOfProduct(query: ArrayLike<number>, key: ArrayLike<number>, rows: number, cols: number): TopSingular {
  const product = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < rows; j++) {
      let s = 0;
      for (let c = 0; c < cols; c++) s += query[i * cols + c]! * key[j * cols + c]!;
      product[i * rows + j] = s;
    }
  }
  const gram = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    for (let j = i; j < rows; j++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += product[r * rows + i]! * product[r * rows + j]!;
      gram[i * rows + j] = s;
      gram[j * rows + i] = s;
    }
  }
  const { value, vector: v } = topEigenpair(gram, rows);
  const norm = Math.sqrt(Math.max(0, value));
  const u = new Float64Array(rows);
  if (norm > 0) {
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < rows; j++) s += product[i * rows + j]! * v[j]!;
      u[i] = s / norm;
    }
  }
  return { norm, u, v };
}

/** ‖W_Q W_Kᵀ‖₂ of a head, read back as a number (float64, exact up to rounding). */
export function bilinearNorm(query: tf.Tensor2D, key: tf.Tensor2D): number {
  const [rows, cols] = query.shape;
  return topSingularOfProduct(query.dataSync(), key.dataSync(), rows, cols).norm;
}

/**
 * The effective (query, key) of a head under the bilinear cap: unchanged when ‖W_Q W_Kᵀ‖₂ ≤ cap,
 * else the query rescaled by cap/‖W_Q W_Kᵀ‖₂ through the differentiable norm uᵀ W_Q W_Kᵀ v.
 * Call inside tf.tidy; the returned tensors are either the inputs or new tensors of the tidy.
 */
export function cappedBilinear(query: tf.Tensor2D, key: tf.Tensor2D, cap: number): { query: tf.Tensor2D; key: tf.Tensor2D } {
  const [rows, cols] = query.shape;
  const top = topSingularOfProduct(query.dataSync(), key.dataSync(), rows, cols);
  if (top.norm <= cap * (1 + NORM_ROUNDING)) return { query, key };
  const u = tf.tensor2d(Float32Array.from(top.u), [1, rows]);
  const v = tf.tensor2d(Float32Array.from(top.v), [1, rows]);
  const norm = tf.sum(tf.mul(tf.matMul(u, query), tf.matMul(v, key)));
  return { query: tf.mul(query, tf.div(cap, norm)) as tf.Tensor2D, key };
}
