import type { MixtureSpec } from '../../../theory/mixture';
import type { Rng } from '../../../theory/rng';

/** Ranges of `randomSpec`. */
export interface SpecRanges {
  readonly k: readonly [number, number];
  readonly d: readonly [number, number];
  readonly n: readonly [number, number];
  readonly delta: readonly [number, number];
}

/**
 * A random isotropic mixture spec within the ranges, for checks that sweep a claim's regime
 * (the report-side counterpart of the property arbitraries). The simplex layout is used when
 * d ≥ k−1, the random layout otherwise.
 */
export function randomSpec(rng: Rng, ranges: SpecRanges): MixtureSpec {
  const between = ([lo, hi]: readonly [number, number]): number => lo + rng.int(hi - lo + 1);
  const k = between(ranges.k);
  const d = between(ranges.d);
  const n = Math.max(k, between(ranges.n));
  const delta = ranges.delta[0] + (ranges.delta[1] - ranges.delta[0]) * rng.uniform();
  return { k, d, n, delta, sigma: 1, layout: d >= k - 1 ? 'simplex' : 'random', variant: { kind: 'isotropic' } };
}

/** A drawn spec as headlines name its case, e.g. `k=3, d=2, n=40, Δ/σ=4.12`. */
export function describeSpec(spec: MixtureSpec): string {
  return `k=${spec.k}, d=${spec.d}, n=${spec.n}, Δ/σ=${spec.delta.toFixed(2)}`;
}
