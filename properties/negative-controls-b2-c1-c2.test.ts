import { hardLabelMStepHeadFloat64 } from '../model/mstep-head-float64';
import { type B2EStep, b2Check } from '../reports/claims/B2';
import { type C1Heads, c1Check } from '../reports/claims/C1';
import { type C2Head, c2Check } from '../reports/claims/C2';
import { softEStep } from '../theory/estep';
import { type Matrix, zeros } from '../theory/matrix';
import { runClaimCheck } from './run-claim-check';

/*
 * Negative controls of claims B2, C1 and C2 (CLAIMS.md §4): each claim's real check (plan, measure,
 * judge, present) runs at a tiny scale with the head it measures broken in one way, and must say
 * `violated` with a counterexample the break explains; the unbroken check at the same scale holds.
 * (proof-negative-controls.test.ts breaks B2's and C2's proof steps instead.)
 */

const B2_SCALE = { cases: 8 };
const C1_SCALE = { cases: 6 };
const C2_SCALE = { cases: 2 };

/** B2 broken: the 1/2 of −β‖X − μ‖²/2 applied twice, i.e. the soft E-step at β/2. */
const halfTemperatureEStep: B2EStep = (points, centers, beta) => softEStep(points, centers, beta / 2);

/**
 * C1 broken: the head's softmax taken over the centroid tokens (the wrong axis) instead of the data
 * tokens. With scores log w_ia that gives w_ia / Σ_b w_ib = w_ia, so out_a = Σ_i w_ia X_i, never
 * divided by Σ_i w_ia.
 */
function softmaxOverCentroids(points: Matrix, responsibilities: Matrix): Matrix {
  const { rows: n, cols: k } = responsibilities;
  const d = points.cols;
  const out = zeros(k, d);
  for (let i = 0; i < n; i++) {
    const row = responsibilities.data.subarray(i * k, (i + 1) * k);
    const total = row.reduce((s, w) => s + w, 0);
    for (let a = 0; a < k; a++)
      for (let c = 0; c < d; c++) out.data[a * d + c] = out.data[a * d + c]! + (row[a]! / total) * points.data[i * d + c]!;
  }
  return out;
}

const wrongAxisHeads: C1Heads = { float64: softmaxOverCentroids, float32: softmaxOverCentroids };

/**
 * C2 broken: the scaled dot-product's 1/√d_k left in the score, d_k = k the width of the one-hot
 * label keys (model/mstep-head.ts), so the head runs at β/√k. Every cluster of a sampled instance
 * has a point, so k is 1 + the largest label.
 */
const scaledDotProductHead: C2Head = (points, labels, a, beta) =>
  hardLabelMStepHeadFloat64(points, labels, a, beta / Math.sqrt(1 + Math.max(...labels)));

describe('negative controls of B2, C1 and C2', () => {
  test('B2 negative control: a soft E-step at half the temperature (the 1/2 applied twice)', async () => {
    const result = await runClaimCheck('B2', b2Check(undefined, halfTemperatureEStep), B2_SCALE);
    expect(result.verdict).toBe('violated');
    const { measured, bound } = result.counterexample as { measured: number; bound: number };
    expect(measured).toBeGreaterThan(bound);
    expect(result.numbers.worstRatioToBound).toBeGreaterThan(1);
    expect(result.proof?.finding).toBe('none'); // the proof is of softEStep, which is intact
  });

  test('B2 control of the control: the unbroken check holds at the same scale', async () => {
    expect((await runClaimCheck('B2', b2Check(), B2_SCALE)).verdict).toBe('holds');
  });

  test('C1 negative control: an M-step head whose softmax runs over the centroid tokens (no division by Σ_i w_ia)', async () => {
    const result = await runClaimCheck('C1', c1Check(wrongAxisHeads), C1_SCALE);
    expect(result.verdict).toBe('violated');
    const { precision, error, tolerance } = result.counterexample as { precision: string; error: number; tolerance: number };
    expect(precision).toBe('float64');
    expect(error).toBeGreaterThan(tolerance);
  });

  test('C1 control of the control: the unbroken check holds at the same scale', async () => {
    expect((await runClaimCheck('C1', c1Check(), C1_SCALE)).verdict).toBe('holds');
  });

  test('C2 negative control: a hard M-step head with the scaled dot-product’s 1/√k left in the score', async () => {
    const result = await runClaimCheck('C2', c2Check(undefined, scaledDotProductHead), C2_SCALE);
    expect(result.verdict).toBe('violated');
    const { precision, error, bound, spec } = result.counterexample as {
      precision: string;
      error: number;
      bound: number;
      spec: { k: number };
    };
    expect(precision).toBe('float64');
    expect(error).toBeGreaterThan(bound);
    expect(spec.k).toBeGreaterThan(1); // at k = 1 the scaling is 1: no break
    expect(result.proof?.finding).toBe('none');
  });

  test('C2 control of the control: the unbroken check holds at the same scale', async () => {
    expect((await runClaimCheck('C2', c2Check(), C2_SCALE)).verdict).toBe('holds');
  });
});
