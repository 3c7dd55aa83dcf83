import fc from 'fast-check';
import { F2_MAX_K, F2_SNR_RANGE } from '../../bounds/f2-regime';
import type { Layout } from '../../theory/layouts';

/** A draw from claim F2's regime (CLAIMS.md §3): layout, k, d, Δ/σ (σ = 1) and the seed of its runs. */
export interface F2RegimeCase {
  readonly layout: Layout;
  readonly k: number;
  readonly d: number;
  readonly delta: number;
  readonly seed: number;
}

/**
 * F2's regime at σ = 1: k in [2, 8], Δ/σ in [3, 8], either layout, d from the smallest the layout
 * allows (k − 1 for the simplex) to max(that, k); the property picks n ≥ 1000 with k·d/n ≤ 0.05.
 */
export function f2RegimeCaseArbitrary(): fc.Arbitrary<F2RegimeCase> {
  return fc
    .record({ layout: fc.constantFrom<Layout>('simplex', 'random'), k: fc.integer({ min: 2, max: F2_MAX_K }) })
    .chain(({ layout, k }) => {
      const lowest = layout === 'simplex' ? Math.max(1, k - 1) : 1;
      return fc.record({
        layout: fc.constant(layout),
        k: fc.constant(k),
        d: fc.integer({ min: lowest, max: Math.max(lowest, k) }),
        delta: fc.double({ min: F2_SNR_RANGE[0], max: F2_SNR_RANGE[1], noNaN: true }),
        seed: fc.integer({ min: 0, max: 0xffffffff }),
      });
    });
}
