import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { b1LogitScale, b1RoundingBound, FLOAT32_UNIT_ROUNDOFF } from '../bounds/b1-logit-scale';
import { b2EStepBound, b2TemperatureFor } from '../bounds/b2-estep-temperature';
import { claimEntry } from '../bounds/registry';
import { initBackend } from '../model/backend';
import { softEStepAttention } from '../model/estep-head';
import { eStepMargins, hardEStep, softEStep } from '../theory/estep';
import { type Matrix, squaredDistance } from '../theory/matrix';
import { nearTieCaseArbitrary } from './arbitraries/nearTieCase';

const { factor } = claimEntry('B2').constants;
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
  test('B2: the bound and the temperature read the registry factor', () => {
    expect(b2EStepBound(3, 0, 1)).toBe(factor * 2);
    expect(b2EStepBound(4, 2, 1.5)).toBeCloseTo(factor * 3 * Math.exp(-1.5), 14);
    // at β = b2TemperatureFor(k, g, ε): factor·(k−1)·exp(−βg/2) = 2ε, i.e. 1 − w_ẑ ≤ ε
    const beta = b2TemperatureFor(5, 0.7, 1e-3);
    expect(b2EStepBound(5, beta, 0.7)).toBeCloseTo(2e-3, 14);
  });

  test.prop([nearTieCaseArbitrary()], { numRuns: 300 })(
    'B2: ‖w_i − e_ẑ‖₁ ≤ 2(k−1)exp(−βg_i/2) on every point, near-ties included (float64)',
    ({ points, centers, beta }) => {
      const w = softEStep(points, centers, beta);
      const labels = hardEStep(points, centers);
      const margins = eStepMargins(points, centers);
      for (let i = 0; i < points.rows; i++) {
        const bound = b2EStepBound(centers.rows, beta, margins[i]!);
        expect(Number.isFinite(bound)).toBe(true);
        expect(offLabelMass(w, i, labels[i]!)).toBeLessThanOrEqual(bound * (1 + exponentRounding(points, centers, i, beta)));
      }
    },
  );

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

  test.prop([nearTieCaseArbitrary()], { numRuns: 30 })(
    'B2: the tfjs float32 head stays finite up to β = 1e3 and meets the bound within float32 rounding',
    async ({ points, centers, beta }) => {
      const w = await softEStepAttention(points, centers, beta);
      expect(w.data.every(Number.isFinite)).toBe(true);
      const labels = hardEStep(points, centers);
      const margins = eStepMargins(points, centers);
      // float32 rounding: each w_ia moves by at most B1's worst-case rounding bound (a derived bound,
      // not B1's tolerance: at β up to 1e3 the scores leave B1's declared regime), and the off-label
      // mass 2·Σ_{a≠ẑ} w_ia sums 2(k − 1) such moves.
      const slack =
        2 * (centers.rows - 1) * b1RoundingBound(points.cols, centers.rows, b1LogitScale(points, centers, beta), FLOAT32_UNIT_ROUNDOFF);
      for (let i = 0; i < points.rows; i++) {
        expect(offLabelMass(w, i, labels[i]!)).toBeLessThanOrEqual(b2EStepBound(centers.rows, beta, margins[i]!) + slack);
      }
    },
  );
});
