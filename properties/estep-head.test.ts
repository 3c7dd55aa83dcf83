import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { b1LogitScale, b1PointwiseError } from '../bounds/b1-logit-scale';
import { b1Allowed, b1WorstPoint } from '../bounds/b1-rounding-constant';
import { claimEntry } from '../bounds/registry';
import { initBackend } from '../model/backend';
import { softEStepAttention } from '../model/estep-head';
import { softEStepByHeadFloat64 } from '../model/estep-head-float64';
import { softEStep } from '../theory/estep';
import type { Matrix } from '../theory/matrix';
import { b1CaseArbitrary } from './arbitraries/b1Case';

const { maxK } = claimEntry('B1').constants;

// Every score scale: S log-uniform over [1e-3, 1e6] (b1CaseArbitrary puts S in [1e-3·max, max]).
const spec = { maxK: Math.min(8, maxK), maxD: 8, maxN: 80 };
const everyScale = fc.oneof(b1CaseArbitrary(1, spec), b1CaseArbitrary(1e3, spec), b1CaseArbitrary(1e6, spec));

beforeAll(async () => {
  await initBackend();
});

/** The worst point's error / (τ + c·S·u) must be ≤ 1; the message names the point's S and error. */
function expectWithinBound(w: Matrix, instance: { points: Matrix; centers: Matrix }, beta: number, precision: 'float64' | 'float32'): void {
  const reference = softEStep(instance.points, instance.centers, beta);
  const worst = b1WorstPoint(w, reference, instance.points, instance.centers, beta, precision);
  expect({ ...worst, within: worst.ratio <= 1 }).toMatchObject({ within: true });
}

describe('B1: one attention head is the soft E-step, to τ + c·S·u at every score scale', () => {
  test.prop([everyScale])('B1: the head in float64 is within 1e-12 + c·S·2⁻⁵³ of theory softEStep on every point', ({ instance, beta }) => {
    expectWithinBound(softEStepByHeadFloat64(instance.points, instance.centers, beta), instance, beta, 'float64');
  });

  test.prop([everyScale], { numRuns: 40 })(
    'B1: the tfjs float32 head is within 1e-6 + c·S·2⁻²⁴ of theory softEStep on every point',
    async ({ instance, beta }) => {
      expectWithinBound(await softEStepAttention(instance.points, instance.centers, beta), instance, beta, 'float32');
    },
  );

  test.prop([b1CaseArbitrary(1, spec)], { numRuns: 20 })(
    'B1: the bound can fail: responsibilities moved by 2·(τ + c·S·u) of max_a w on one point exceed it',
    ({ instance, beta }) => {
      const { points, centers } = instance;
      const reference = softEStep(points, centers, beta);
      expect(b1WorstPoint(reference, reference, points, centers, beta, 'float32').ratio).toBe(0);
      const d = points.cols;
      const k = centers.rows;
      const first: Matrix = { rows: 1, cols: d, data: points.data.slice(0, d) };
      const row = Array.from(reference.data.subarray(0, k));
      const top = Math.max(...row);
      const shift = 2 * b1Allowed(d, k, b1LogitScale(first, centers, beta), 'float32') * top;
      const a = row.indexOf(top);
      const moved = { ...reference, data: Float64Array.from(reference.data) };
      moved.data[a] = top - shift;
      expect(b1WorstPoint(moved, reference, points, centers, beta, 'float32').ratio).toBeGreaterThan(1);
    },
  );

  test('B1: the error measure is per point and relative to max_a w_ia, not to the score scale', () => {
    const reference = { rows: 2, cols: 2, data: Float64Array.from([0.5, 0.5, 1, 0]) };
    const w = { rows: 2, cols: 2, data: Float64Array.from([0.5 + 2e-5, 0.5 - 2e-5, 1, 0]) };
    expect(b1PointwiseError(w, reference)).toBeCloseTo(4e-5, 12);
    expect(
      Number.isNaN(
        b1PointwiseError({ rows: 1, cols: 2, data: Float64Array.from([NaN, 1]) }, { rows: 1, cols: 2, data: Float64Array.from([0, 1]) }),
      ),
    ).toBe(true);
    // S grows with β; the measure does not
    const points = { rows: 1, cols: 1, data: Float64Array.from([3]) };
    const centers = { rows: 2, cols: 1, data: Float64Array.from([-1, 2]) };
    expect(b1LogitScale(points, centers, 10)).toBeCloseTo(10 * b1LogitScale(points, centers, 1), 12);
  });
});
