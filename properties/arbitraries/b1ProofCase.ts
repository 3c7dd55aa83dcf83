import type fc from 'fast-check';
import type { B1ProofCase } from '../../bounds/proofs/b1-steps';
import type { Matrix } from '../../theory/matrix';
import { nearTieCaseArbitrary } from './nearTieCase';

const f = Math.fround;

/**
 * A float32 attention head emulated with Math.fround (every input, product, sum, exp and division
 * rounded to float32): queries q_i = β[X_i; 1], keys k_a = [μ_a; −‖μ_a‖²/2], scores ⟨q_i, k_a⟩,
 * softmax with the row maximum subtracted. Claim B1's construction, without tfjs.
 */
export function float32Head(points: Matrix, centers: Matrix, beta: number): { scores: Matrix; weights: Matrix } {
  const { rows: n, cols: d } = points;
  const k = centers.rows;
  const b = f(beta);
  const keys = Array.from({ length: k }, (_, a) => {
    const mu = Array.from({ length: d }, (_, c) => f(centers.data[a * d + c]!));
    let norm = 0;
    for (const m of mu) norm = f(norm + f(m * m));
    return [...mu, f(-norm / 2)];
  });
  const scores = new Float64Array(n * k);
  const weights = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const q = [...Array.from({ length: d }, (_, c) => f(b * f(points.data[i * d + c]!))), b];
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let c = 0; c <= d; c++) s = f(s + f(q[c]! * keys[a]![c]!));
      scores[i * k + a] = s;
    }
    const row = scores.subarray(i * k, (i + 1) * k);
    const top = Math.max(...row);
    const e = Array.from(row, (s) => f(Math.exp(f(s - top))));
    let total = 0;
    for (const v of e) total = f(total + v);
    e.forEach((v, a) => {
      weights[i * k + a] = f(v / total);
    });
  }
  return { scores: { rows: n, cols: k, data: scores }, weights: { rows: n, cols: k, data: weights } };
}

/** Claim B1's proof cases: near-tie points and centers (k ≤ 8, d ≤ 4), β log-uniform in [1e-3, 10], and the float32 head's measurements. */
export function b1ProofCaseArbitrary(): fc.Arbitrary<B1ProofCase> {
  return nearTieCaseArbitrary({ maxK: 8, maxD: 4, maxN: 20, betaRange: [1e-3, 10] }).map(({ points, centers, beta }) => {
    const head = float32Head(points, centers, beta);
    return { points, centers, beta, headScores: head.scores, headWeights: head.weights, headUnitRoundoff: 2 ** -24 };
  });
}
