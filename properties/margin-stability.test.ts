import fc from 'fast-check';
import { e2LargestStableRadius, e2MoveCenters, e2Nearest, e2SquaredDistances, e2StabilitySlack } from '../bounds/e2-margin-stability';
import { MIN_DISTANCE_GAP, stabilityCaseArbitrary } from './arbitraries/stabilityCase';

describe('E2: margin stability', () => {
  test('E2: when the condition holds, no center move of size ≤ ε changes the label (≥ 80% of generated cases assert)', () => {
    let attempts = 0;
    let asserted = 0;
    fc.assert(
      fc.property(stabilityCaseArbitrary(), (c) => {
        attempts++;
        const distances = e2SquaredDistances(c.x, c.centers);
        const nearest = e2Nearest(distances);
        // the arbitrary builds a strict nearest center with a squared-distance gap ≥ MIN_DISTANCE_GAP²
        expect(nearest).toBe(c.nearest);
        distances.forEach((db, b) => {
          if (b !== nearest) expect(db - distances[nearest]!).toBeGreaterThan(0.9 * MIN_DISTANCE_GAP ** 2);
        });
        const epsilon = c.radiusShare * e2LargestStableRadius(distances, nearest);
        // measure zero by construction (radius ≥ ~3e-4, share ≥ 0.01); kept as a guard, not a filter
        fc.pre(epsilon > 1e-6);
        const slack = e2StabilitySlack(distances, nearest, epsilon);
        expect(slack).toBeGreaterThan(0);
        asserted++;
        const moved = e2SquaredDistances(c.x, e2MoveCenters(c.x, c.centers, nearest, epsilon, c.moves));
        // the proof's lower bound on the new gap: (r_b − ε)² − (r_a + ε)² ≥ slack + 2ε² > 0
        moved.forEach((db, b) => {
          if (b !== nearest) expect(db - moved[nearest]!).toBeGreaterThanOrEqual(slack + 2 * epsilon * epsilon - 1e-9 * (1 + db));
        });
        expect(e2Nearest(moved)).toBe(nearest);
      }),
      { numRuns: 500 },
    );
    expect(asserted / attempts).toBeGreaterThanOrEqual(0.8);
  });

  test('E2: the condition holds exactly below the largest stable radius', () => {
    let attempts = 0;
    let asserted = 0;
    fc.assert(
      fc.property(stabilityCaseArbitrary({ radiusShareRange: [0.01, 2] }), (c) => {
        attempts++;
        const distances = e2SquaredDistances(c.x, c.centers);
        const nearest = e2Nearest(distances);
        // shares within 1e-6 of 1 are decided by rounding: measure zero under a continuous draw
        fc.pre(Math.abs(c.radiusShare - 1) > 1e-6);
        asserted++;
        const slack = e2StabilitySlack(distances, nearest, c.radiusShare * e2LargestStableRadius(distances, nearest));
        expect(slack > 0).toBe(c.radiusShare < 1);
      }),
      { numRuns: 500 },
    );
    expect(asserted / attempts).toBeGreaterThanOrEqual(0.8);
  });
});
