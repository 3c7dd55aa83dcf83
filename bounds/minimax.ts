import { type Matrix, squaredDistance } from '../theory/matrix';
import { logPhi } from '../theory/normal';
import { assertInteger, assertPositive, fail } from '../theory/validate';

/**
 * Claim F1's bounds on the oracle's error and the minimax envelopes of F1/F2, all in log space
 * (CLAIMS.md §1: Φ(−16) ≈ 6e-58, and exp(−Δ²/8σ²) underflows past Δ/σ ≈ 77).
 */

/** log Σ_j exp(terms_j), stable for very negative terms; −∞ for an empty list. */
function logSumExp(terms: readonly number[]): number {
  const max = Math.max(...terms);
  if (max === -Infinity) return -Infinity;
  return max + Math.log(terms.reduce((s, t) => s + Math.exp(t - max), 0));
}

/**
 * F1, per cluster: log B_a with B_a = Σ_{b≠a} Φ(−‖μ_a − μ_b‖/(2σ)), the union bound on the
 * probability that the oracle mislabels a point of cluster a (b beats a iff the noise's
 * component along μ_b − μ_a exceeds ‖μ_a − μ_b‖/2). −∞ for a single cluster.
 */
export function logUnionBoundPerCluster(centers: Matrix, sigma: number): number[] {
  assertPositive('sigma', sigma);
  const out: number[] = [];
  for (let a = 0; a < centers.rows; a++) {
    const terms: number[] = [];
    for (let b = 0; b < centers.rows; b++) {
      if (b !== a) terms.push(logPhi(-Math.sqrt(squaredDistance(centers, a, centers, b)) / (2 * sigma)));
    }
    out.push(logSumExp(terms));
  }
  return out;
}

/** F1, averaged: log Σ_a π_a B_a, the union bound on the oracle's error rate under weights π. */
export function logWeightedUnionBound(centers: Matrix, sigma: number, weights: readonly number[]): number {
  if (weights.length !== centers.rows) fail('weights length', weights.length, `equal to k = ${centers.rows}`);
  weights.forEach((w, a) => assertPositive(`weights[${a}]`, w));
  const perCluster = logUnionBoundPerCluster(centers, sigma);
  return logSumExp(perCluster.map((logB, a) => Math.log(weights[a]!) + logB));
}

/** F1 for simplex centers: log((k − 1)·Φ(−Δ/2σ)); for k = 2 with equal weights the oracle error equals Φ(−Δ/2σ). */
export function logSimplexUnionBound(k: number, delta: number, sigma: number): number {
  assertInteger('k', k, 2);
  return Math.log(k - 1) + logPhi(-assertPositive('delta', delta) / (2 * assertPositive('sigma', sigma)));
}

/** F1/F2: log of the minimax envelope exp(−Δ²/8σ²). */
export function logMinimaxEnvelope(delta: number, sigma: number): number {
  const snr = assertPositive('delta', delta) / assertPositive('sigma', sigma);
  return -(snr * snr) / 8;
}

/** F2: log of the single-run envelope exp(−Δ²/16σ²). */
export function logSingleRunEnvelope(delta: number, sigma: number): number {
  const snr = assertPositive('delta', delta) / assertPositive('sigma', sigma);
  return -(snr * snr) / 16;
}

/**
 * F1: −log Φ(−Δ/2σ) / (Δ²/8σ²), how far the exact two-cluster exponent sits above the minimax
 * envelope's; it tends to 1 only slowly (3.68, 1.89, 1.29, 1.09 at Δ/σ = 2, 4, 8, 16).
 */
export function envelopeExponentRatio(delta: number, sigma: number): number {
  const snr = assertPositive('delta', delta) / assertPositive('sigma', sigma);
  return -logPhi(-snr / 2) / ((snr * snr) / 8);
}
