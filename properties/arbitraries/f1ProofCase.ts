import fc from 'fast-check';
import type { F1ProofCase } from '../../bounds/proofs/f1-steps';

/** The smallest distance between two centers of an F1 case: coincident centers make ties certain, outside F1.1's statement. */
export const MIN_CENTER_DISTANCE = 0.1;

function separated(centers: number[][]): boolean {
  return centers.every((a, i) => centers.every((b, j) => j <= i || Math.hypot(...a.map((v, c) => v - b[c]!)) >= MIN_CENTER_DISTANCE));
}

/**
 * Claim F1's proof cases with a seed for the draws: k in [2, 4] centers in [−3, 3]^d (d in [1, 3]),
 * at least MIN_CENTER_DISTANCE apart, σ in [0.5, 3].
 */
export function f1ProofCaseArbitrary(
  trials: number,
  alpha: number,
): fc.Arbitrary<{ readonly proofCase: F1ProofCase; readonly seed: number }> {
  return fc
    .record({ k: fc.integer({ min: 2, max: 4 }), d: fc.integer({ min: 1, max: 3 }) })
    .chain(({ k, d }) =>
      fc.record({
        d: fc.constant(d),
        centers: fc
          .array(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: d, maxLength: d }), { minLength: k, maxLength: k })
          .filter(separated),
        sigma: fc.double({ min: 0.5, max: 3, noNaN: true }),
        seed: fc.nat(0xffffffff),
      }),
    )
    .map(({ d, centers, sigma, seed }) => ({
      proofCase: { centers: { rows: centers.length, cols: d, data: Float64Array.from(centers.flat()) }, sigma, trials, alpha },
      seed,
    }));
}
