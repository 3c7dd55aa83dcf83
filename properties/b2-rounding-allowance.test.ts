import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { b2EStepBound } from '../bounds/b2-estep-temperature';
import { b2Float64Allowance } from '../bounds/b2-rounding-allowance';
import { eStepMargins, hardEStep, softEStep } from '../theory/estep';
import { squaredDistance } from '../theory/matrix';
import { nearTieCaseArbitrary } from './arbitraries/nearTieCase';

describe('B2: the float64 rounding allowance', () => {
  test('B2: the allowance inflates the bound by at most 16ε(1 + β·far) relative, and never deflates it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 1e3, noNaN: true }),
        fc.double({ min: 0, max: 1e3, noNaN: true }),
        (bound, beta, far) => {
          const allowance = b2Float64Allowance(bound, beta, far);
          expect(allowance).toBeGreaterThanOrEqual(bound);
          // one more ε for the rounding of the product itself; near the subnormal range both sides round
          // absolutely (by up to half the smallest subnormal each), so the factor is formed first
          expect(allowance - bound).toBeLessThanOrEqual(bound * ((16 * (1 + beta * far) + 1) * 2 ** -52) + 2 * Number.MIN_VALUE);
        },
      ),
    );
  });

  test.prop([nearTieCaseArbitrary()], { numRuns: 200 })(
    'B2: the float64 soft E-step stays within the allowance on near-tie cases',
    ({ points, centers, beta }) => {
      const w = softEStep(points, centers, beta);
      const labels = hardEStep(points, centers);
      const margins = eStepMargins(points, centers);
      for (let i = 0; i < points.rows; i++) {
        let off = 0;
        let far = 0;
        for (let a = 0; a < centers.rows; a++) {
          if (a !== labels[i]) off += w.data[i * centers.rows + a]!;
          far = Math.max(far, squaredDistance(points, i, centers, a));
        }
        expect(2 * off).toBeLessThanOrEqual(b2Float64Allowance(b2EStepBound(centers.rows, beta, margins[i]!), beta, far));
      }
    },
  );
});
