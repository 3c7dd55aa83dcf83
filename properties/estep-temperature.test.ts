import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { claimEntry } from '../bounds/registry';
import { b1LogitScale, b1Tolerance } from '../bounds/b1-logit-scale';
import { b2EStepBound, b2TemperatureFor } from '../bounds/b2-estep-temperature';
import { initBackend } from '../model/backend';
import { softEStepAttention } from '../model/estep-head';
import { eStepMargins, hardEStep, softEStep } from '../theory/estep';
import { squaredDistance, type Matrix } from '../theory/matrix';
import { nearTieCaseArbitrary } from './arbitraries/nearTieCase';

const { float32RelativeTolerance } = claimEntry('B1').constants as { float32RelativeTolerance: number };
const EPS64 = 2 ** -52;

/** ‖w_i − e_ẑ‖₁ computed as 2·Σ_{a≠ẑ} w_ia, which keeps full relative precision when it is tiny. */
function offLabelMass(w: Matrix, i: number, label: number): number {
  let s = 0;
  for (let a = 0; a < w.cols; a++) if (a !== label) s += w.data[i * w.cols + a]!;
  return 2 * s;
}

/** Float64 rounding of the exponents β‖X − μ‖²/2, as a relative tolerance on exp(·). */
function exponentRounding(points: Matrix, centers: Matrix, i: number, beta: number): number {
  let far = 0;
  for (let a = 0; a < centers.rows; a++) far = Math.max(far, squaredDistance(points, i, centers, a));
  return 16 * EPS64 * (1 + beta * far);
}

beforeAll(async () => {
  await initBackend();
});

describe('B2: E-step approximation by temperature', () => {
  test.prop([nearTieCaseArbitrary()], { numRuns: 300 })('B2: ‖w_i − e_ẑ‖₁ ≤ 2(k−1)exp(−βg_i/2) on every point, near-ties included (float64)', ({ points, centers, beta }) => {
    const w = softEStep(points, centers, beta);
    const labels = hardEStep(points, centers);
    const margins = eStepMargins(points, centers);
    for (let i = 0; i < points.rows; i++) {
      const bound = b2EStepBound(centers.rows, beta, margins[i]!);
      expect(Number.isFinite(bound)).toBe(true);
      expect(offLabelMass(w, i, labels[i]!)).toBeLessThanOrEqual(bound * (1 + exponentRounding(points, centers, i, beta)));
    }
  });

  test.prop([nearTieCaseArbitrary(), fc.double({ min: Math.log(1e-12), max: Math.log(0.5), noNaN: true }).map(Math.exp)], { numRuns: 200 })(
    'B2: β = (2/g)·log((k−1)/ε) gives 1 − w_ẑ ≤ ε',
    ({ points, centers }, epsilon) => {
      const labels = hardEStep(points, centers);
      const margins = eStepMargins(points, centers);
      for (let i = 0; i < points.rows; i++) {
        const g = margins[i]!;
        if (!(g > 1e-9)) continue; // an exact tie has no finite temperature; covered by the bound above
        const beta = b2TemperatureFor(centers.rows, g, epsilon);
        if (beta === 0) continue;
        const single = { rows: 1, cols: points.cols, data: points.data.slice(i * points.cols, (i + 1) * points.cols) };
        const w = softEStep(single, centers, beta);
        expect(offLabelMass(w, 0, labels[i]!) / 2).toBeLessThanOrEqual(epsilon * (1 + exponentRounding(single, centers, 0, beta)));
      }
    },
  );

  test.prop([nearTieCaseArbitrary()], { numRuns: 30 })('B2: the tfjs float32 head stays finite up to β = 1e3 and meets the bound within float32 rounding', async ({ points, centers, beta }) => {
    const w = await softEStepAttention(points, centers, beta);
    expect(w.data.every(Number.isFinite)).toBe(true);
    const labels = hardEStep(points, centers);
    const margins = eStepMargins(points, centers);
    const slack = centers.rows * b1Tolerance(float32RelativeTolerance, b1LogitScale(points, centers, beta));
    for (let i = 0; i < points.rows; i++) {
      expect(offLabelMass(w, i, labels[i]!)).toBeLessThanOrEqual(b2EStepBound(centers.rows, beta, margins[i]!) + slack);
    }
  });
});
