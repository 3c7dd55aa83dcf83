import fc from 'fast-check';

/** Constraints of `labellingPairArbitrary`. */
export interface LabellingConstraints {
  /** Largest k; default 6 (brute force over k! permutations stays cheap). */
  readonly maxK?: number;
  /** Largest n; default 60. */
  readonly maxN?: number;
}

export interface LabellingPair {
  readonly k: number;
  readonly predicted: number[];
  readonly truth: number[];
}

/** Two label vectors over the same n points with labels in [0, k). */
export function labellingPairArbitrary(constraints: LabellingConstraints = {}): fc.Arbitrary<LabellingPair> {
  const maxK = constraints.maxK ?? 6;
  const maxN = constraints.maxN ?? 60;
  if (!Number.isInteger(maxK) || maxK < 1) throw new RangeError(`labellingPairArbitrary: maxK must be an integer >= 1, got ${maxK}`);
  if (!Number.isInteger(maxN) || maxN < 1) throw new RangeError(`labellingPairArbitrary: maxN must be an integer >= 1, got ${maxN}`);
  return fc.record({ k: fc.integer({ min: 1, max: maxK }), n: fc.integer({ min: 1, max: maxN }) }).chain(({ k, n }) =>
    fc.record({
      k: fc.constant(k),
      predicted: fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: n, maxLength: n }),
      truth: fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: n, maxLength: n }),
    }),
  );
}

/** A permutation of [0, k). */
export function permutationArbitrary(k: number): fc.Arbitrary<number[]> {
  return fc.shuffledSubarray([...Array(k).keys()], { minLength: k, maxLength: k });
}

/**
 * Label pairs for "h = 0 iff the partitions coincide": half independent draws (the partitions
 * almost never coincide), half a relabelled copy of the truth, predicted_i = π(truth_i), with 0
 * to 3 flips (a point relabelled at random; no flip, or a flip to the same label, keeps the
 * partitions equal). So both directions of the "iff" are exercised.
 */
export function partitionPairArbitrary(constraints: LabellingConstraints = {}): fc.Arbitrary<LabellingPair> {
  const maxK = constraints.maxK ?? 6;
  const maxN = constraints.maxN ?? 60;
  const copy = fc
    .record({ k: fc.integer({ min: 1, max: maxK }), n: fc.integer({ min: 1, max: maxN }) })
    .chain(({ k, n }) =>
      fc.record({
        k: fc.constant(k),
        truth: fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: n, maxLength: n }),
        perm: permutationArbitrary(k),
        flips: fc.array(fc.record({ at: fc.nat(n - 1), label: fc.nat(k - 1) }), { maxLength: 3 }),
      }),
    )
    .map(({ k, truth, perm, flips }) => {
      const predicted = truth.map((z) => perm[z]!);
      for (const { at, label } of flips) predicted[at] = label;
      return { k, predicted, truth };
    });
  return fc.oneof(labellingPairArbitrary(constraints), copy);
}
