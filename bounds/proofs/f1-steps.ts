import { hardEStep } from '../../theory/estep';
import { type Matrix, squaredDistance, zeros } from '../../theory/matrix';
import type { Rng } from '../../theory/rng';
import type { CaseScopes } from './check-steps';
import type { Scope } from './formula';

/** One case of claim F1's proof: true centers, σ, draws per cluster and the case's failure probability. */
export interface F1ProofCase {
  readonly centers: Matrix;
  readonly sigma: number;
  /** Monte-Carlo draws X = μ_a + σε per cluster a. */
  readonly trials: number;
  /** The probability that any of the case's k² statistical comparisons fails by chance (split evenly: Bonferroni). */
  readonly alpha: number;
}

/**
 * The scopes of claim F1's steps and end statement: per cluster a, `trials` draws X = μ_a + σε
 * (from `rng`, so a seed replays them); F1.1 one scope per pair (a, b ≠ a) with the frequency of
 * b beating a, F1.2 and the end statement one per a with the oracle's error frequency (theory
 * hardEStep: nearest true center, ties to the smallest index; "b beats a" uses the same rule).
 * The k(k − 1) comparisons of F1.1 and the k of the end statement share `alpha`: alpha/k² each.
 */
export function f1ProofScopes({ centers, sigma, trials, alpha }: F1ProofCase, rng: Rng): CaseScopes {
  const { rows: k, cols: d } = centers;
  const each = alpha / (k * k);
  const f11: Scope[] = [];
  const f12: Scope[] = [];
  const bound: Scope[] = [];
  for (let a = 0; a < k; a++) {
    const draws = zeros(trials, d);
    for (let t = 0; t < trials; t++) for (let c = 0; c < d; c++) draws.data[t * d + c] = centers.data[a * d + c]! + sigma * rng.normal();
    const labels = hardEStep(draws, centers);
    const wins = new Array<number>(k).fill(0);
    let errors = 0;
    for (let t = 0; t < trials; t++) {
      if (labels[t] !== a) errors++;
      const own = squaredDistance(draws, t, centers, a);
      for (let b = 0; b < k; b++) {
        if (b === a) continue;
        const other = squaredDistance(draws, t, centers, b);
        if (other < own || (other === own && b < a)) wins[b] = wins[b]! + 1;
      }
    }
    const others = wins.map((_, b) => b).filter((b) => b !== a);
    const dist_a = others.map((b) => Math.sqrt(squaredDistance(centers, a, centers, b)));
    const pairs_a = others.map((b) => wins[b]! / trials);
    others.forEach((_, j) => f11.push({ phat_ab: pairs_a[j]!, dist_ab: dist_a[j]!, sigma, trials, alpha: each }));
    if (others.length === 0) continue;
    f12.push({ err_a: errors / trials, pairs_a, k });
    bound.push({ err_a: errors / trials, dist_a, sigma, trials, alpha: each });
  }
  return { steps: { 'F1.1': f11, 'F1.2': f12 }, bound };
}
