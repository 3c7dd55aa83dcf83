import { b1LogitScale, b1StatedScale } from '../bounds/b1-logit-scale';
import { b1ProofScopes, headUnderflowUnit } from '../bounds/proofs/b1-steps';
import { b2ProofScopes } from '../bounds/proofs/b2-steps';
import { c2ProofScopes } from '../bounds/proofs/c2-steps';
import { d1ProofScopes } from '../bounds/proofs/d1-steps';
import { e2ProofScopes } from '../bounds/proofs/e2-steps';
import { f1ProofScopes } from '../bounds/proofs/f1-steps';
import { softEStep } from '../theory/estep';
import type { Matrix } from '../theory/matrix';
import { Rng } from '../theory/rng';

/**
 * Known answers for the proofs' scope builders (bounds/proofs/*-steps.ts): on cases small enough
 * to work by hand, every quantity each step sees, and which scopes exist (one per point, per
 * center, per pair, and none where a step is vacuous by construction).
 */

const m = (rows: number, cols: number, values: number[]): Matrix => ({ rows, cols, data: Float64Array.from(values) });

describe('B2: scopes of the E-step proof', () => {
  // points 0 and 3 (d = 1), centers 0 and 1: D = (0, 1) and (9, 4); z = 0 and 1; g = 1 and 5
  const points = m(2, 1, [0, 3]);
  const centers = m(2, 1, [0, 1]);
  const beta = 2;
  const w = softEStep(points, centers, beta);
  const row = (i: number) => Array.from(w.data.subarray(2 * i, 2 * i + 2));

  test('B2.1 … B2.5 and the end statement on two points', () => {
    const { steps, bound } = b2ProofScopes({ points, centers, beta, epsilon: 0.1 });
    expect(steps['B2.1']).toEqual([
      { beta, xmu_a: 0, mm_a: 0, xx: 0, D_a: 0, d: 1 },
      { beta, xmu_a: 0, mm_a: 1, xx: 0, D_a: 1, d: 1 },
      { beta, xmu_a: 0, mm_a: 0, xx: 9, D_a: 9, d: 1 },
      { beta, xmu_a: 3, mm_a: 1, xx: 9, D_a: 4, d: 1 },
    ]);
    expect(steps['B2.2']).toEqual([
      { w: row(0), e_z: [1, 0], w_z: row(0)[0], k: 2 },
      { w: row(1), e_z: [0, 1], w_z: row(1)[1], k: 2 },
    ]);
    expect(steps['B2.3']).toEqual([
      { w_b: row(0)[1], D_b: 1, D_z: 0, beta, Dmax: 1, d: 1, k: 2 },
      { w_b: row(1)[0], D_b: 9, D_z: 4, beta, Dmax: 9, d: 1, k: 2 },
    ]);
    expect(steps['B2.4']).toEqual([
      { w_off: [row(0)[1]], k: 2, beta, g: 1, Dmax: 1, d: 1 },
      { w_off: [row(1)[0]], k: 2, beta, g: 5, Dmax: 9, d: 1 },
    ]);
    // B2.5: the case's β, then β at the threshold (2/g)·log((k − 1)/ε)
    const b25 = steps['B2.5']!;
    expect(b25).toHaveLength(4);
    expect(b25[0]).toEqual({ beta, g: 1, k: 2, epsilon: 0.1 });
    expect(b25[1]!.beta).toBeCloseTo(2 * Math.log(10), 14);
    expect(b25[1]).toMatchObject({ g: 1, k: 2, epsilon: 0.1 });
    expect(b25[3]!.beta).toBeCloseTo((2 / 5) * Math.log(10), 14);
    expect(bound).toEqual([
      { w: row(0), e_z: [1, 0], k: 2, beta, g: 1, Dmax: 1, d: 1 },
      { w: row(1), e_z: [0, 1], k: 2, beta, g: 5, Dmax: 9, d: 1 },
    ]);
  });

  test('B2: one center: only B2.1 and B2.2, no end statement', () => {
    const { steps, bound } = b2ProofScopes({ points, centers: m(1, 1, [1]), beta, epsilon: 0.1 });
    expect(steps['B2.1']).toHaveLength(2);
    expect(steps['B2.2']).toEqual([
      { w: [1], e_z: [1], w_z: 1, k: 1 },
      { w: [1], e_z: [1], w_z: 1, k: 1 },
    ]);
    expect(steps['B2.3']).toEqual([]);
    expect(steps['B2.4']).toEqual([]);
    expect(steps['B2.5']).toEqual([]);
    expect(bound).toEqual([]);
  });

  test('B2.5: no scope at a tie (g = 0), and no threshold scope when the threshold is 0 (ε = k − 1) or infinite', () => {
    const tie = b2ProofScopes({ points: m(1, 1, [0.5]), centers, beta, epsilon: 0.1 });
    expect(tie.steps['B2.5']).toEqual([]);
    expect(tie.steps['B2.4']).toHaveLength(1);
    const zero = b2ProofScopes({ points: m(1, 1, [0]), centers, beta, epsilon: 1 });
    expect(zero.steps['B2.5']).toEqual([{ beta, g: 1, k: 2, epsilon: 1 }]);
    // g = 2·(the smallest subnormal): 2/g overflows to ∞
    const tiny = b2ProofScopes({ points: m(1, 1, [0]), centers: m(2, 1, [0, Math.sqrt(4e-323)]), beta, epsilon: 0.1 });
    expect(tiny.steps['B2.5']).toHaveLength(1);
  });
});

describe('C2: scopes of the M-step proof', () => {
  test('C2: two clusters worked by hand; an empty third cluster has no scope', () => {
    // points 0, 2, 10 with labels 0, 0, 1; β = 1
    const e = Math.E;
    const { steps, bound } = c2ProofScopes({ points: m(3, 1, [0, 2, 10]), labels: [0, 0, 1], k: 3, beta: 1 });
    expect(bound).toHaveLength(2);
    const [first, second] = bound as Record<string, unknown>[];
    expect(first).toMatchObject({ mean_a: [1], s: [e, e, 1], s_off: [1], Y: [[9]], n: 3, n_a: 2, beta: 1, maxdev: 9, Xmax: 10, d: 1 });
    expect((first!.out_a as number[])[0]).toBeCloseTo((2 * e + 10) / (2 * e + 1), 14);
    expect(second).toMatchObject({ mean_a: [10], s: [1, 1, e], s_off: [1, 1], Y: [[-10], [-8]], n_a: 1, maxdev: 10, Xmax: 10 });
    expect((second!.out_a as number[])[0]).toBeCloseTo((2 + 10 * e) / (2 + e), 14);
    for (const id of ['C2.1', 'C2.2', 'C2.3']) expect(steps[id]).toEqual(bound);
  });

  test('C2: a cluster with every point gets one zero term in s_off and an empty Y; Xmax is at least 1', () => {
    const { bound } = c2ProofScopes({ points: m(2, 2, [0.5, -0.25, 0.25, 0]), labels: [0, 0], k: 1, beta: 2 });
    expect(bound).toHaveLength(1);
    expect(bound[0]).toMatchObject({ s_off: [0], Y: [[0, 0]], n: 2, n_a: 2, Xmax: 1, d: 2, mean_a: [0.375, -0.125] });
    expect((bound[0] as { maxdev: number }).maxdev).toBeCloseTo(Math.hypot(0.125, 0.125), 15);
  });
});

describe('E2: scopes of the stability proof', () => {
  const x = [0, 0];
  const centers = [
    [1, 0],
    [0, 2],
    [3, 3],
  ];
  const movedCenters = [
    [1, 0.1],
    [0, 1.9],
    [3, -3],
  ];

  test('E2.1 one scope per center, E2.2 one per b ≠ a*, one end statement', () => {
    const { steps, bound } = e2ProofScopes({ x, centers, movedCenters, epsilon: 0.1 });
    expect(steps['E2.1']).toHaveLength(3);
    expect(steps['E2.1']![0]).toMatchObject({ D_c: 1, r_c: 1, epsilon: 0.1, d: 2, cmax_c: 1 });
    expect(steps['E2.1']![0]!.Dp_c).toBeCloseTo(1.01, 15);
    expect(steps['E2.1']![1]).toMatchObject({ D_c: 4, r_c: 2, cmax_c: 1.9 });
    expect(steps['E2.1']![2]).toMatchObject({ D_c: 18, Dp_c: 18, r_c: Math.sqrt(18), cmax_c: 3 });
    expect(steps['E2.2']).toHaveLength(2);
    expect(steps['E2.2']![0]).toMatchObject({ D_a: 1, D_b: 4, r_a: 1, r_b: 2, Dp_b: steps['E2.1']![1]!.Dp_c, epsilon: 0.1, d: 2 });
    expect(steps['E2.2']![1]).toMatchObject({ D_a: 1, D_b: 18, r_b: Math.sqrt(18), Dp_b: 18 });
    expect(bound).toHaveLength(1);
    expect(bound[0]).toMatchObject({ D_a: 1, D_others: [4, 18], r_a: 1, r_others: [2, Math.sqrt(18)], epsilon: 0.1, d: 2 });
    expect((bound[0] as { Dp_others: number[] }).Dp_others[1]).toBe(18);
  });

  test('E2: the nearest center may be any index; one center has no E2.2 scope and no end statement', () => {
    const { steps } = e2ProofScopes({ x: [3, 2.5], centers, movedCenters: centers, epsilon: 0.1 });
    expect(steps['E2.2']!.map((s) => s.D_b)).toEqual([(3 - 1) ** 2 + 2.5 ** 2, 3 ** 2 + 0.5 ** 2]);
    expect(steps['E2.2']!.every((s) => s.D_a === 0.25)).toBe(true);
    const one = e2ProofScopes({ x, centers: [[1, 1]], movedCenters: [[1, 1]], epsilon: 0.1 });
    expect(one.steps['E2.1']).toHaveLength(1);
    expect(one.steps['E2.2']).toEqual([]);
    expect(one.bound).toEqual([]);
  });
});

describe('F1: scopes of the oracle-error proof', () => {
  test('F1: coincident centers: every draw ties, and a tie goes to the smaller index', () => {
    const { steps, bound } = f1ProofScopes({ centers: m(2, 1, [0, 0]), sigma: 1, trials: 50, alpha: 0.04 }, new Rng(1));
    // cluster 0 never loses; cluster 1 always loses to 0 (b = 0 < a = 1)
    expect(steps['F1.1']).toEqual([
      { phat_ab: 0, dist_ab: 0, sigma: 1, trials: 50, alpha: 0.01 },
      { phat_ab: 1, dist_ab: 0, sigma: 1, trials: 50, alpha: 0.01 },
    ]);
    expect(steps['F1.2']).toEqual([
      { err_a: 0, pairs_a: [0], k: 2 },
      { err_a: 1, pairs_a: [1], k: 2 },
    ]);
    expect(bound).toEqual([
      { err_a: 0, dist_a: [0], sigma: 1, trials: 50, alpha: 0.01 },
      { err_a: 1, dist_a: [0], sigma: 1, trials: 50, alpha: 0.01 },
    ]);
  });

  test('F1: far-apart centers (Δ = 100σ) are never confused; three clusters split α over k² = 9', () => {
    const { steps, bound } = f1ProofScopes({ centers: m(3, 1, [0, 100, 300]), sigma: 1, trials: 20, alpha: 0.09 }, new Rng(2));
    expect(steps['F1.1']!.map((s) => [s.phat_ab, s.dist_ab])).toEqual([
      [0, 100],
      [0, 300],
      [0, 100],
      [0, 200],
      [0, 300],
      [0, 200],
    ]);
    expect(steps['F1.1']!.every((s) => Math.abs((s.alpha as number) - 0.01) < 1e-17)).toBe(true);
    expect(bound.map((s) => s.err_a)).toEqual([0, 0, 0]);
    expect(steps['F1.2']!.map((s) => s.pairs_a)).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  test('F1: a draw beating its own center is counted as an error and as a win of the other', () => {
    // centers 0 and 1 with σ = 10: roughly half the draws of each cluster land nearer the other
    const { steps, bound } = f1ProofScopes({ centers: m(2, 1, [0, 1]), sigma: 10, trials: 400, alpha: 0.04 }, new Rng(3));
    const [p01, p10] = steps['F1.1']!.map((s) => s.phat_ab as number);
    const [e0, e1] = bound.map((s) => s.err_a as number);
    expect(p01).toBe(e0);
    expect(p10).toBe(e1);
    expect(e0).toBeGreaterThan(0.35);
    expect(e0).toBeLessThan(0.65);
  });

  test('F1: one cluster has no pair and no error scope', () => {
    const { steps, bound } = f1ProofScopes({ centers: m(1, 1, [0]), sigma: 1, trials: 5, alpha: 0.1 }, new Rng(4));
    expect(steps['F1.1']).toEqual([]);
    expect(steps['F1.2']).toEqual([]);
    expect(bound).toEqual([]);
  });
});

describe('D1: scopes of the softmax-approximation proof', () => {
  test('D1: d = 1, m = 3 anchors −1, 0, 1, f(x) = 2x at x = 0.25', () => {
    const setting = { d: 1, m: 3, R: 1, L: 2, beta: 3 };
    const { steps, bound } = d1ProofScopes({ setting, x: [0.25], delta: 0.5, f: (x) => [2 * x[0]!] });
    const squared = [1.5625, 0.0625, 0.5625];
    const raw = squared.map((s) => Math.exp(-3 * s + 3 * 0.0625));
    const total = raw.reduce((s, v) => s + v, 0);
    const p = raw.map((v) => v / total);
    const probe = bound[0] as Record<string, unknown>;
    expect(bound).toHaveLength(1);
    expect(probe).toMatchObject({ d: 1, m: 3, R: 1, L: 2, beta: 3, delta: 0.5, Dmax: 1.5625, fx: [0.5], Fmax: 2 });
    expect(probe.dist).toEqual([1.25, 0.25, 0.75]);
    expect(probe.dF).toEqual([[-2.5], [-0.5], [1.5]]);
    (probe.p as number[]).forEach((x, j) => expect(x).toBeCloseTo(p[j]!, 15));
    expect((probe.ft as number[])[0]).toBeCloseTo(2 * (p[2]! - p[0]!), 14);
    for (const id of ['D1.1', 'D1.2', 'D1.5']) expect(steps[id]).toEqual([probe]);
    expect(steps['D1.3']).toHaveLength(3);
    expect(steps['D1.3']).toEqual(steps['D1.4']);
    expect(steps['D1.3']![1]).toMatchObject({ d: 1, m: 3, delta: 0.5, Dmax: 1.5625, dist_m: 0.25 });
    expect(steps['D1.3']![1]!.p_m).toBeCloseTo(p[1]!, 15);
  });

  test('D1: Fmax is the largest |f| over the probe and the anchors', () => {
    const setting = { d: 1, m: 2, R: 1, L: 1, beta: 1 };
    const { bound } = d1ProofScopes({ setting, x: [0], delta: 0.5, f: (x) => [x[0]! - 5, 1] });
    expect((bound[0] as { Fmax: number }).Fmax).toBe(6);
  });
});

describe('B1: scopes of the rounding chain', () => {
  const points = m(2, 2, [1, -2, 0.5, 0]);
  const centers = m(2, 2, [0, 0, -3, 1]);
  const beta = 0.5;
  const headScores = m(2, 2, [0.1, 0.2, 0.3, 0.4]);
  const headWeights = m(2, 2, [0.6, 0.4, 0.7, 0.3]);

  test('B1: one scope per point with the reference scores, weights, scales and τ of the head’s precision', () => {
    const reference = softEStep(points, centers, beta);
    const { steps, bound } = b1ProofScopes({ points, centers, beta, headScores, headWeights, headUnitRoundoff: 2 ** -24 });
    expect(bound).toHaveLength(2);
    const first = bound[0] as Record<string, unknown>;
    expect(first).toMatchObject({
      s_head: [0.1, 0.2],
      w_head: [0.6, 0.4],
      d: 2,
      k: 2,
      u_head: 2 ** -24,
      beta,
      xmax: 2,
      mumax: 3,
      eta_head: 2 ** -149,
      tau: 1e-6,
    });
    // −β‖X_0 − μ_a‖²/2: ‖(1, −2)‖² = 5, ‖(4, −3)‖² = 25
    expect(first.s_ref).toEqual([-1.25, -6.25]);
    expect(first.w_ref).toEqual(Array.from(reference.data.subarray(0, 2)));
    expect(first.S).toBe(b1LogitScale(m(1, 2, [1, -2]), centers, beta));
    expect(first.S_stated).toBe(b1StatedScale(m(1, 2, [1, -2]), centers, beta));
    expect(bound[1]).toMatchObject({ s_head: [0.3, 0.4], w_head: [0.7, 0.3], xmax: 0.5, s_ref: [-0.0625, -3.3125] });
    expect((bound[1] as { S: number }).S).toBe(b1LogitScale(m(1, 2, [0.5, 0]), centers, beta));
    expect(steps['B1.1']).toBe(bound);
    expect(steps['B1.2']).toBe(bound);
  });

  test('B1: a float64 head gets float64Tau and the float64 underflow unit', () => {
    const { bound } = b1ProofScopes({ points, centers, beta, headScores, headWeights, headUnitRoundoff: 2 ** -53 });
    expect(bound[0]).toMatchObject({ u_head: 2 ** -53, eta_head: Number.MIN_VALUE, tau: 1e-12 });
    expect(headUnderflowUnit(2 ** -24)).toBe(2 ** -149);
    expect(headUnderflowUnit(2 ** -53)).toBe(5e-324);
  });
});
