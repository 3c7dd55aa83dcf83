import { test } from '@fast-check/jest';
import {
  b1LogitScale,
  b1MaxScoreScale,
  b1PointwiseError,
  b1RoundingBound,
  FLOAT32_UNIT_ROUNDOFF,
  FLOAT64_UNIT_ROUNDOFF,
} from '../bounds/b1-logit-scale';
import { claimEntry } from '../bounds/registry';
import { initBackend } from '../model/backend';
import { softEStepAttention } from '../model/estep-head';
import { softEStepByHeadFloat64 } from '../model/estep-head-float64';
import { softEStep } from '../theory/estep';
import { b1CaseArbitrary } from './arbitraries/b1Case';

const { float64Tolerance, float32RelativeTolerance, regimeMaxWidth, float32MaxScoreScale, float64MaxScoreScale } =
  claimEntry('B1').constants;

// Inside B1's declared regime: d, k ≤ regimeMaxWidth and the score scale S ≤ the precision's max.
const regimeSpec = { maxK: regimeMaxWidth, maxD: regimeMaxWidth, maxN: 80 };

beforeAll(async () => {
  await initBackend();
});

describe('B1: one attention head is the soft E-step', () => {
  test('B1: the registry regime constants are the rounding bound solved at the tolerance (derived, not fitted)', () => {
    expect(float32MaxScoreScale).toBeCloseTo(b1MaxScoreScale(float32RelativeTolerance, FLOAT32_UNIT_ROUNDOFF, regimeMaxWidth), 10);
    expect(float64MaxScoreScale).toBeCloseTo(b1MaxScoreScale(float64Tolerance, FLOAT64_UNIT_ROUNDOFF, regimeMaxWidth), 8);
    expect(b1RoundingBound(regimeMaxWidth, regimeMaxWidth, float32MaxScoreScale, FLOAT32_UNIT_ROUNDOFF)).toBeCloseTo(
      float32RelativeTolerance,
      15,
    );
  });

  test.prop([b1CaseArbitrary(float64MaxScoreScale, regimeSpec)])(
    'B1: inside the declared regime, the head in float64 equals theory softEStep to 1e-12 of max_a w_ia on every point',
    ({ instance, beta, scoreScale }) => {
      expect(scoreScale).toBeLessThanOrEqual(float64MaxScoreScale * (1 + 1e-12));
      const error = b1PointwiseError(
        softEStepByHeadFloat64(instance.points, instance.centers, beta),
        softEStep(instance.points, instance.centers, beta),
      );
      expect(error).toBeLessThanOrEqual(float64Tolerance);
    },
  );

  test.prop([b1CaseArbitrary(float32MaxScoreScale, regimeSpec)], { numRuns: 40 })(
    'B1: inside the declared regime, the tfjs float32 head equals theory softEStep to 1e-5 of max_a w_ia on every point',
    async ({ instance, beta, scoreScale }) => {
      expect(scoreScale).toBeLessThanOrEqual(float32MaxScoreScale * (1 + 1e-12));
      const error = b1PointwiseError(
        await softEStepAttention(instance.points, instance.centers, beta),
        softEStep(instance.points, instance.centers, beta),
      );
      expect(error).toBeLessThanOrEqual(float32RelativeTolerance);
    },
  );

  test('B1: the error measure is per point and relative to max_a w_ia, not to the score scale', () => {
    const reference = { rows: 2, cols: 2, data: Float64Array.from([0.5, 0.5, 1, 0]) };
    const w = { rows: 2, cols: 2, data: Float64Array.from([0.5 + 2e-5, 0.5 - 2e-5, 1, 0]) };
    expect(b1PointwiseError(w, reference)).toBeCloseTo(4e-5, 12);
    expect(b1PointwiseError(w, reference)).toBeGreaterThan(float32RelativeTolerance);
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
