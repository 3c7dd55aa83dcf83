import fc from 'fast-check';
import { d1GridTemperature } from '../bounds/d1-grid-temperature';
import { d1BestBound } from '../bounds/d1-softmax-approximation';

describe('D1: the planned grid temperature', () => {
  test('D1: β·h² = 4d for spacing h = 2R/(m−1)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 64 }),
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        (d, m, R) => {
          const h = (2 * R) / (m - 1);
          expect(d1GridTemperature(d, m, R) * h * h).toBeCloseTo(4 * d, 10);
        },
      ),
    );
  });

  test('D1: at the grid temperature the best-δ bound falls as m grows and stays within 3·L·√d·h', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 63 }),
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        (d, m, R, L) => {
          const bound = (grid: number): number => d1BestBound({ d, m: grid, R, L, beta: d1GridTemperature(d, grid, R) }).bound;
          expect(bound(m + 1)).toBeLessThan(bound(m));
          expect(bound(m)).toBeLessThanOrEqual(3 * L * Math.sqrt(d) * ((2 * R) / (m - 1)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
