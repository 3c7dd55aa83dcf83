import fc from 'fast-check';
import { b1InDeclaredRegime } from '../bounds/b1-declared-regime';
import { b1RoundingBound, FLOAT32_UNIT_ROUNDOFF, FLOAT64_UNIT_ROUNDOFF } from '../bounds/b1-logit-scale';
import { claimEntry } from '../bounds/registry';

const { float64Tolerance, float32RelativeTolerance, regimeMaxWidth, float32MaxScoreScale, float64MaxScoreScale } =
  claimEntry('B1').constants;

const PRECISIONS = {
  float64: { tolerance: float64Tolerance, unitRoundoff: FLOAT64_UNIT_ROUNDOFF, maxScoreScale: float64MaxScoreScale },
  float32: { tolerance: float32RelativeTolerance, unitRoundoff: FLOAT32_UNIT_ROUNDOFF, maxScoreScale: float32MaxScoreScale },
} as const;

describe('B1: the declared regime', () => {
  test('B1: inside the declared regime the worst-case rounding bound is within the tolerance', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('float64' as const, 'float32' as const),
        fc.integer({ min: 1, max: 2 * regimeMaxWidth }),
        fc.integer({ min: 1, max: 2 * regimeMaxWidth }),
        fc.double({ min: 0, max: 2 * float64MaxScoreScale, noNaN: true }),
        (precision, k, d, scoreScale) => {
          const { tolerance, unitRoundoff } = PRECISIONS[precision];
          fc.pre(b1InDeclaredRegime(precision, k, d, scoreScale));
          expect(b1RoundingBound(d, k, scoreScale, unitRoundoff)).toBeLessThanOrEqual(tolerance);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('B1: the regime ends at its width and at its score-scale edge', () => {
    for (const precision of ['float64', 'float32'] as const) {
      const { maxScoreScale } = PRECISIONS[precision];
      expect(b1InDeclaredRegime(precision, regimeMaxWidth, regimeMaxWidth, maxScoreScale)).toBe(true);
      expect(b1InDeclaredRegime(precision, regimeMaxWidth + 1, 1, 0)).toBe(false);
      expect(b1InDeclaredRegime(precision, 1, regimeMaxWidth + 1, 0)).toBe(false);
      expect(b1InDeclaredRegime(precision, 2, 2, maxScoreScale * (1 + 1e-9))).toBe(false);
    }
  });
});
