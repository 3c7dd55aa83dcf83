import fc from 'fast-check';

/** A point, centres, a radius share and one perturbation per centre, for claim E2. */
export interface StabilityCase {
  readonly x: number[];
  readonly centers: number[][];
  /** ε as a share of the largest radius for which E2's condition holds at x (> 1: condition fails). */
  readonly radiusShare: number;
  /** Per centre: a random direction, a length share in [0, 1] of ε, and whether to move adversarially. */
  readonly moves: { direction: number[]; lengthShare: number; adversarial: boolean }[];
}

/**
 * E2 cases: k in [2, 6] centres and a point in [−5, 5]^d, d in [1, 4]; centres move by at most
 * ε, either in a random direction or adversarially (the nearest centre away from x, the others
 * towards x, each by exactly ε), which is where E2's condition is nearly tight.
 */
export function stabilityCaseArbitrary(): fc.Arbitrary<StabilityCase> {
  return fc
    .record({ k: fc.integer({ min: 2, max: 6 }), d: fc.integer({ min: 1, max: 4 }) })
    .chain(({ k, d }) => {
      const vector = fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: d, maxLength: d });
      return fc.record({
        x: vector,
        centers: fc.array(vector, { minLength: k, maxLength: k }),
        radiusShare: fc.oneof(fc.double({ min: 0.01, max: 1, noNaN: true, maxExcluded: true }), fc.double({ min: 1, max: 2, noNaN: true })),
        moves: fc.array(
          fc.record({
            direction: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d, maxLength: d }),
            lengthShare: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
            adversarial: fc.boolean(),
          }),
          { minLength: k, maxLength: k },
        ),
      });
    });
}
