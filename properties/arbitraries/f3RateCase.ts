import fc from 'fast-check';

/** A draw for claim F3's rate in n: the clusters k, Δ/σ (σ = 1) and the seed of its evaluation instances. */
export interface F3RateCase {
  readonly k: number;
  readonly delta: number;
  readonly seed: number;
}

/** k among the pre-trained models' `ks`, Δ/σ uniform in their pre-training range. */
export function f3RateCaseArbitrary(ks: readonly number[], deltaRange: readonly [number, number]): fc.Arbitrary<F3RateCase> {
  return fc.record({
    k: fc.constantFrom(...ks),
    delta: fc.double({ min: deltaRange[0], max: deltaRange[1], noNaN: true }),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
  });
}
