import { test } from '@fast-check/jest';
import { e2LargestStableRadius, e2StabilitySlack } from '../bounds/e2-margin-stability';
import { stabilityCaseArbitrary, type StabilityCase } from './arbitraries/stabilityCase';

function squaredDistances(x: number[], centers: number[][]): number[] {
  return centers.map((mu) => mu.reduce((s, v, c) => s + (x[c]! - v) ** 2, 0));
}

function argmin(values: number[]): number {
  return values.reduce((best, v, a) => (v < values[best]! ? a : best), 0);
}

/** Moves each centre by at most ε: adversarially (nearest away from x, others towards x) or at random. */
function perturb(c: StabilityCase, nearest: number, epsilon: number): number[][] {
  return c.centers.map((mu, a) => {
    const move = c.moves[a]!;
    const toward = mu.map((v, j) => c.x[j]! - v);
    let direction = move.adversarial ? (a === nearest ? toward.map((v) => -v) : toward) : move.direction;
    // a centre at x (or a zero draw) has no direction: any unit vector will do
    if (!(Math.hypot(...direction) > 1e-150)) direction = direction.map((_, j) => (j === 0 ? 1 : 0));
    const length = (move.adversarial ? 1 : move.lengthShare) * epsilon;
    const scale = length / Math.hypot(...direction);
    return mu.map((v, j) => v + scale * direction[j]!);
  });
}

describe('E2: margin stability', () => {
  test.prop([stabilityCaseArbitrary()], { numRuns: 500 })('E2: when the condition holds, no centre move of size ≤ ε changes the label', (c) => {
    const distances = squaredDistances(c.x, c.centers);
    const nearest = argmin(distances);
    const epsilon = c.radiusShare * e2LargestStableRadius(distances, nearest);
    if (!(epsilon > 1e-6)) return; // a near-tie admits no radius that float64 can resolve
    const slack = e2StabilitySlack(distances, nearest, epsilon);
    // the condition holds exactly below the largest radius (shares within 1e-6 of 1 are rounding-bound)
    if (Math.abs(c.radiusShare - 1) > 1e-6) expect(slack > 0).toBe(c.radiusShare < 1);
    if (!(slack > 0)) return;
    const moved = squaredDistances(c.x, perturb(c, nearest, epsilon));
    // the proof's lower bound on the new gap: (r_b − ε)² − (r_a + ε)² ≥ slack + 2ε² > 0
    moved.forEach((db, b) => {
      if (b !== nearest) expect(db - moved[nearest]!).toBeGreaterThanOrEqual(slack + 2 * epsilon * epsilon - 1e-9 * (1 + db));
    });
    expect(argmin(moved)).toBe(nearest);
  });
});
