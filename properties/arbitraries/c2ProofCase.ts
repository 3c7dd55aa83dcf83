import fc from 'fast-check';
import type { C2ProofCase } from '../../bounds/proofs/c2-steps';

/** Constraints of `c2ProofCaseArbitrary`. */
export interface C2ProofConstraints {
  /** Range of β, uniform; default [0, 40]. */
  readonly betaRange?: readonly [number, number];
}

/**
 * Claim C2's proof cases: k in [1, 5] cluster centers in [−5, 5]^d (d in [1, 4]), n in [1, 30]
 * points, each near its label's center (offset in [−2, 2]^d) or anywhere in [−8, 8]^d (a
 * mislabelled point), hard labels in [0, k), and β.
 */
export function c2ProofCaseArbitrary(constraints: C2ProofConstraints = {}): fc.Arbitrary<C2ProofCase> {
  const [betaMin, betaMax] = constraints.betaRange ?? [0, 40];
  return fc
    .record({ k: fc.integer({ min: 1, max: 5 }), d: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 30 }) })
    .chain(({ k, d, n }) => {
      const vector = (bound: number) => fc.array(fc.double({ min: -bound, max: bound, noNaN: true }), { minLength: d, maxLength: d });
      return fc.record({
        k: fc.constant(k),
        d: fc.constant(d),
        centers: fc.array(vector(5), { minLength: k, maxLength: k }),
        points: fc.array(fc.record({ label: fc.nat(k - 1), near: fc.boolean(), offset: vector(2), anywhere: vector(8) }), {
          minLength: n,
          maxLength: n,
        }),
        beta: fc.double({ min: betaMin, max: betaMax, noNaN: true }),
      });
    })
    .map(({ k, d, centers, points, beta }) => ({
      points: {
        rows: points.length,
        cols: d,
        data: Float64Array.from(points.flatMap((p) => (p.near ? p.offset.map((o, c) => centers[p.label]![c]! + o) : p.anywhere))),
      },
      labels: points.map((p) => p.label),
      k,
      beta,
    }));
}
