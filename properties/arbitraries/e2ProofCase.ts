import type fc from 'fast-check';
import { e2LargestStableRadius, e2MoveCenters, e2SquaredDistances } from '../../bounds/e2-margin-stability';
import type { E2ProofCase } from '../../bounds/proofs/e2-steps';
import { type StabilityConstraints, stabilityCaseArbitrary } from './stabilityCase';

/**
 * Claim E2's proof cases: stabilityCaseArbitrary's point and centers, ε = radiusShare × E2's
 * largest stable radius at x, and the centers moved by at most ε (randomly or adversarially, by
 * bounds e2MoveCenters).
 */
export function e2ProofCaseArbitrary(constraints: StabilityConstraints = {}): fc.Arbitrary<E2ProofCase> {
  return stabilityCaseArbitrary(constraints).map(({ x, centers, nearest, radiusShare, moves }) => {
    const epsilon = radiusShare * e2LargestStableRadius(e2SquaredDistances(x, centers), nearest);
    return { x, centers, movedCenters: e2MoveCenters(x, centers, nearest, epsilon, moves), epsilon };
  });
}
