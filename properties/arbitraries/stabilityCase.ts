import fc from 'fast-check';

/** A point, centers, a radius share and one perturbation per center, for claim E2. */
export interface StabilityCase {
  readonly x: number[];
  readonly centers: number[][];
  /** The index of the nearest center, by construction. */
  readonly nearest: number;
  /** ε as a share of the largest radius for which E2's condition holds at x (> 1: condition fails). */
  readonly radiusShare: number;
  /** Per center: a random direction, a length share in [0, 1] of ε, and whether to move adversarially. */
  readonly moves: { direction: number[]; lengthShare: number; adversarial: boolean }[];
}

/** Constraints of `stabilityCaseArbitrary`. */
export interface StabilityConstraints {
  /** Range of radiusShare; default [0.01, 0.999] (inside the condition, away from its edge 1). */
  readonly radiusShareRange?: readonly [number, number];
}

/** The smallest gap r_b − r_a* between the distance to another center and to the nearest one. */
export const MIN_DISTANCE_GAP = 0.1;

function unit(v: number[]): number[] {
  const norm = Math.hypot(...v);
  // a (near-)zero draw has no direction: e_1 is as good as any
  return norm > 1e-3 ? v.map((c) => c / norm) : v.map((_, j) => (j === 0 ? 1 : 0));
}

/**
 * E2 cases, non-degenerate by construction: k in [2, 6], d in [1, 4], a point x in [−5, 5]^d,
 * the nearest center a* at distance r* in [0, 5] and every other center b at distance
 * r_b = r* + gap_b with gap_b in [MIN_DISTANCE_GAP, 5], each along its own random direction. So
 * the squared-distance gap D_b − D_a* ≥ MIN_DISTANCE_GAP² > 0 and E2's largest stable radius is
 * positive. Centers move by at most ε, either in a random direction or adversarially (the
 * nearest center away from x, the others towards x, each by exactly ε), which is where E2's
 * condition is nearly tight.
 */
export function stabilityCaseArbitrary(constraints: StabilityConstraints = {}): fc.Arbitrary<StabilityCase> {
  const [shareMin, shareMax] = constraints.radiusShareRange ?? [0.01, 0.999];
  if (!(shareMin > 0 && shareMax >= shareMin))
    throw new RangeError(`stabilityCaseArbitrary: bad radiusShareRange ${shareMin}..${shareMax}`);
  return fc
    .record({ k: fc.integer({ min: 2, max: 6 }), d: fc.integer({ min: 1, max: 4 }) })
    .chain(({ k, d }) => {
      const vector = (bound: number) => fc.array(fc.double({ min: -bound, max: bound, noNaN: true }), { minLength: d, maxLength: d });
      return fc.record({
        x: vector(5),
        nearest: fc.integer({ min: 0, max: k - 1 }),
        nearestRadius: fc.double({ min: 0, max: 5, noNaN: true }),
        gaps: fc.array(fc.double({ min: MIN_DISTANCE_GAP, max: 5, noNaN: true }), { minLength: k, maxLength: k }),
        directions: fc.array(vector(1), { minLength: k, maxLength: k }),
        radiusShare: fc.double({ min: shareMin, max: shareMax, noNaN: true }),
        moves: fc.array(
          fc.record({
            direction: vector(1),
            lengthShare: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
            adversarial: fc.boolean(),
          }),
          { minLength: k, maxLength: k },
        ),
      });
    })
    .map(({ x, nearest, nearestRadius, gaps, directions, radiusShare, moves }) => {
      const centers = directions.map((direction, a) => {
        const r = a === nearest ? nearestRadius : nearestRadius + gaps[a]!;
        return unit(direction).map((u, j) => x[j]! + r * u);
      });
      return { x, centers, nearest, radiusShare, moves };
    });
}
