import fc from 'fast-check';
import type { Layout } from '../../theory/layouts';
import type { MixtureSpec, Variant } from '../../theory/mixture';

/** Constraints of `mixtureSpecArbitrary`; every field has a documented default. */
export interface MixtureSpecConstraints {
  /** Smallest k; default 1. */
  readonly minK?: number;
  /** Largest k; default 6. */
  readonly maxK?: number;
  /** Largest d; default 6 (the smallest is 1, raised to k−1 for the simplex layout). */
  readonly maxD?: number;
  /** n is drawn from [k·minPointsPerCluster, maxN]; default 2. */
  readonly minPointsPerCluster?: number;
  /** Largest n; default 120. */
  readonly maxN?: number;
  /** Range of the separation Δ; default [0.5, 12]. */
  readonly deltaRange?: readonly [number, number];
  /** Range of σ; default [0.2, 2]. */
  readonly sigmaRange?: readonly [number, number];
  /** Layouts to draw from; default both. */
  readonly layouts?: readonly Layout[];
  /** Variant kinds to draw from; default isotropic only. */
  readonly variants?: readonly Variant['kind'][];
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(`mixtureSpecArbitrary: ${message}`);
}

/** Mixture specs (CLAIMS.md §1) within the constraints; fails fast on inconsistent constraints. */
export function mixtureSpecArbitrary(constraints: MixtureSpecConstraints = {}): fc.Arbitrary<MixtureSpec> {
  const minK = constraints.minK ?? 1;
  const maxK = constraints.maxK ?? 6;
  const maxD = constraints.maxD ?? 6;
  const perCluster = constraints.minPointsPerCluster ?? 2;
  const maxN = constraints.maxN ?? 120;
  const [deltaMin, deltaMax] = constraints.deltaRange ?? [0.5, 12];
  const [sigmaMin, sigmaMax] = constraints.sigmaRange ?? [0.2, 2];
  const layouts = constraints.layouts ?? ['simplex', 'random'];
  const variants = constraints.variants ?? ['isotropic'];
  check(Number.isInteger(minK) && minK >= 1 && maxK >= minK, `need 1 <= minK <= maxK, got ${minK}, ${maxK}`);
  check(Number.isInteger(maxD) && maxD >= 1, `maxD must be an integer >= 1, got ${maxD}`);
  check(!layouts.includes('simplex') || layouts.includes('random') || maxD >= maxK - 1, `maxD (${maxD}) < maxK−1 leaves no simplex spec`);
  check(maxN >= maxK * perCluster, `maxN (${maxN}) must be >= maxK·minPointsPerCluster (${maxK * perCluster})`);
  check(deltaMin > 0 && deltaMax >= deltaMin, `bad deltaRange ${deltaMin}..${deltaMax}`);
  check(sigmaMin > 0 && sigmaMax >= sigmaMin, `bad sigmaRange ${sigmaMin}..${sigmaMax}`);
  check(layouts.length > 0 && variants.length > 0, 'layouts and variants must be non-empty');
  return fc
    .record({
      k: fc.integer({ min: minK, max: maxK }),
      layout: fc.constantFrom(...layouts),
      variantKind: fc.constantFrom(...variants),
    })
    .filter(({ k, layout }) => layout !== 'simplex' || k - 1 <= maxD)
    .chain(({ k, layout, variantKind }) =>
      fc.integer({ min: k * perCluster, max: maxN }).chain((n) =>
        fc.record({
          k: fc.constant(k),
          d: fc.integer({ min: layout === 'simplex' ? Math.max(1, k - 1) : 1, max: maxD }),
          n: fc.constant(n),
          delta: fc.double({ min: deltaMin, max: deltaMax, noNaN: true }),
          sigma: fc.double({ min: sigmaMin, max: sigmaMax, noNaN: true }),
          layout: fc.constant(layout),
          variant: variantArbitrary(variantKind, k, n),
        }),
      ),
    );
}

/** A variant; imbalanced shares stay in [max(0.05, 1/n), 1/k] so every cluster gets a point. */
function variantArbitrary(kind: Variant['kind'], k: number, n: number): fc.Arbitrary<Variant> {
  switch (kind) {
    case 'isotropic':
      return fc.constant({ kind });
    case 'anisotropic':
      return fc
        .tuple(fc.double({ min: 0.25, max: 1, noNaN: true }), fc.double({ min: 1, max: 4, noNaN: true }))
        .map(([lambdaMin, lambdaMax]) => ({ kind, lambdaMin, lambdaMax }));
    case 'imbalanced':
      return fc.double({ min: Math.min(Math.max(0.05, 1 / n), 1 / k), max: 1 / k, noNaN: true }).map((alpha) => ({ kind, alpha }));
    case 'heavy-tailed':
      return fc.double({ min: 2.5, max: 30, noNaN: true }).map((nu) => ({ kind, nu }));
  }
}
