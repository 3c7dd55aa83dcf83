import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { claimEntry } from '../bounds/registry';
import { confusionMatrix, mislabelRate } from '../theory/mislabel';
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

describe('A1: mislabel rate, known answers and messages', () => {
  test('A1: the confusion matrix C[a][b] = #{i : ẑ_i = a, z_i = b}', () => {
    expect(confusionMatrix([0, 0, 1, 1, 2], [1, 1, 0, 0, 0], 3)).toEqual([
      [0, 2, 0],
      [2, 0, 0],
      [1, 0, 0],
    ]);
  });

  test('A1: hand-worked rates: the best relabelling 0↔1 leaves one error in five', () => {
    expect(mislabelRate([0, 0, 1, 1, 2], [1, 1, 0, 0, 0], 3)).toBeCloseTo(0.2, 15);
    expect(bruteForceMislabelRate([0, 0, 1, 1, 2], [1, 1, 0, 0, 0], 3)).toBeCloseTo(0.2, 15);
    expect(mislabelRate([0, 1, 2, 0], [0, 1, 2, 0], 3)).toBe(0);
    expect(mislabelRate([0, 0, 0, 0], [0, 1, 2, 3], 4)).toBe(0.75);
    expect(bruteForceMislabelRate([0, 0, 0, 0], [0, 1, 2, 3], 4)).toBe(0.75);
    expect(mislabelRate([1], [0], 2)).toBe(0);
    expect(bruteForceMislabelRate([1, 1, 0], [0, 1, 0], 2)).toBeCloseTo(1 / 3, 15);
  });

  test.each([
    [[0], [0], 0, 'k must be an integer >= 1, got 0'],
    [[0, 1], [0], 2, 'predicted length must be equal to the truth length (1), got 2'],
    [[], [], 2, 'truth length must be at least 1, got 0'],
    [[0, 2], [0, 1], 2, 'predicted[1] must be an integer in [0, 1], got 2'],
    [[-1, 0], [0, 1], 2, 'predicted[0] must be an integer in [0, 1], got -1'],
    [[0.5, 0], [0, 1], 2, 'predicted[0] must be an integer in [0, 1], got 0.5'],
    [[0, 1], [0, 2], 2, 'truth[1] must be an integer in [0, 1], got 2'],
    [[0, 1], [-1, 1], 2, 'truth[0] must be an integer in [0, 1], got -1'],
    [[0, 1], [0, 0.5], 2, 'truth[1] must be an integer in [0, 1], got 0.5'],
  ])('A1: confusionMatrix(%p, %p, k = %p) is rejected: %s', (predicted, truth, k, message) => {
    expect(() => confusionMatrix(predicted, truth, k)).toThrow(message);
    expect(() => mislabelRate(predicted, truth, k)).toThrow(message);
  });

  test('A1: labels at the ends of [0, k) are accepted', () => {
    expect(confusionMatrix([0, 2], [2, 0], 3)[2]![0]).toBe(1);
  });
});
