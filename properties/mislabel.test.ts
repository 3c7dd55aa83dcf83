import fc from 'fast-check';
import { test } from '@fast-check/jest';
import { mislabelRate } from '../theory/mislabel';
import { claimEntry } from '../bounds/registry';
import { labellingPairArbitrary, permutationArbitrary } from './arbitraries/labelling';
import { bruteForceMislabelRate } from './brute-force-mislabel';

const { tolerance } = claimEntry('A1').constants as { tolerance: number };

describe('A1: mislabel rate by optimal assignment', () => {
  test.prop([labellingPairArbitrary()])('A1: equals brute force over all k! permutations (k ≤ 6)', ({ k, predicted, truth }) => {
    expect(Math.abs(mislabelRate(predicted, truth, k) - bruteForceMislabelRate(predicted, truth, k))).toBeLessThanOrEqual(tolerance);
  });

  test.prop([labellingPairArbitrary().chain((pair) => fc.tuple(fc.constant(pair), permutationArbitrary(pair.k)))])(
    'A1: invariant to relabelling the prediction',
    ([{ k, predicted, truth }, perm]) => {
      const relabelled = predicted.map((a) => perm[a]!);
      expect(mislabelRate(relabelled, truth, k)).toBeCloseTo(mislabelRate(predicted, truth, k), 12);
    },
  );

  test.prop([labellingPairArbitrary({ maxK: 10, maxN: 200 })])('A1: 0 ≤ h ≤ 1 − 1/k', ({ k, predicted, truth }) => {
    const h = mislabelRate(predicted, truth, k);
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThanOrEqual(1 - 1 / k + tolerance);
  });

  test.prop([labellingPairArbitrary({ maxK: 10, maxN: 200 })])('A1: h = 0 iff the partitions coincide', ({ k, predicted, truth }) => {
    const h = mislabelRate(predicted, truth, k);
    expect(h === 0).toBe(samePartition(predicted, truth));
  });
});

/** Two labellings are the same partition iff the label map between them is a bijection. */
function samePartition(a: number[], b: number[]): boolean {
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((forward.get(a[i]!) ?? b[i]) !== b[i] || (backward.get(b[i]!) ?? a[i]) !== a[i]) return false;
    forward.set(a[i]!, b[i]!);
    backward.set(b[i]!, a[i]!);
  }
  return true;
}
