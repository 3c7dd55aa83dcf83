import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { claimEntry } from '../bounds/registry';
import { mislabelRate } from '../theory/mislabel';
import { bruteForceMislabelRate } from '../theory/mislabel-brute-force';
import { samePartition } from '../theory/same-partition';
import { labellingPairArbitrary, partitionPairArbitrary, permutationArbitrary } from './arbitraries/labelling';

const { tolerance } = claimEntry('A1').constants;

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

  test.prop([partitionPairArbitrary({ maxK: 10, maxN: 200 })])('A1: h = 0 iff the partitions coincide', ({ k, predicted, truth }) => {
    expect(mislabelRate(predicted, truth, k) === 0).toBe(samePartition(predicted, truth));
  });

  // The "if" direction on every run: a relabelled copy of the truth is the same partition.
  test.prop([
    labellingPairArbitrary({ maxK: 10, maxN: 200 }).chain(({ k, truth }) =>
      fc.tuple(fc.constant(k), fc.constant(truth), permutationArbitrary(k)),
    ),
  ])('A1: a relabelled copy of the truth has h = 0', ([k, truth, perm]) => {
    expect(
      mislabelRate(
        truth.map((z) => perm[z]!),
        truth,
        k,
      ),
    ).toBe(0);
  });
});
