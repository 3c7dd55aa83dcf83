import fc from 'fast-check';
import { permutationArbitrary } from './labelling';

/** True centers, a relabelling σ and a small perturbation: the init row a is true center σ(a) moved by < Δ/4. */
export interface AlignmentCase {
  readonly k: number;
  readonly d: number;
  /** Spacing s ≥ 1 of the true centers μ_a = (s·a, 0, …, 0), so Δ = s. */
  readonly spacing: number;
  readonly sigma: number[];
  /** k×d offsets in (−1/(4√d), 1/(4√d)) per coordinate, so each moves its center by < 1/4 ≤ Δ/4. */
  readonly offsets: number[];
  readonly labels: number[];
}

export function alignmentCaseArbitrary(maxK = 4, maxD = 3): fc.Arbitrary<AlignmentCase> {
  return fc.record({ k: fc.integer({ min: 2, max: maxK }), d: fc.integer({ min: 1, max: maxD }) }).chain(({ k, d }) => {
    const small = 1 / (4 * Math.sqrt(d)) - 1e-9;
    return fc.record({
      k: fc.constant(k),
      d: fc.constant(d),
      spacing: fc.double({ min: 1, max: 3, noNaN: true }),
      sigma: permutationArbitrary(k),
      offsets: fc.array(fc.double({ min: -small, max: small, noNaN: true }), { minLength: k * d, maxLength: k * d }),
      labels: fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: 1, maxLength: 40 }),
    });
  });
}
