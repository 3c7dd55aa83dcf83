import { logSimplexUnionBound } from './minimax';
import { claimEntry } from './registry';

const { factor, additive } = claimEntry('F3').constants;

/**
 * Claim F3's bound on a pretrained transformer's mean mislabel rate at separation Δ/σ with k
 * simplex centers: factor·(k − 1)·Φ(−Δ/2σ) + additive, i.e. 2(k−1)Φ(−Δ/2σ) + 0.01 with the
 * registry constants (CLAIMS.md §3).
 */
export function f3MislabelBound(k: number, deltaOverSigma: number): number {
  return factor * Math.exp(logSimplexUnionBound(k, deltaOverSigma, 1)) + additive;
}
