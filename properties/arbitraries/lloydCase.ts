import fc from 'fast-check';
import { perturbedTruth } from '../../theory/init';
import type { Matrix } from '../../theory/matrix';
import { type Instance, sampleInstance } from '../../theory/mixture';
import { Rng } from '../../theory/rng';
import { type MixtureSpecConstraints, mixtureSpecArbitrary } from './mixtureSpec';

/** An instance, a perturbed-truth initialization, a number of Lloyd steps and an optional β. */
export interface LloydCase {
  readonly instance: Instance;
  readonly init: Matrix;
  readonly iterations: number;
  /** undefined: the construction's default β (defaultLloydBeta). */
  readonly beta: number | undefined;
}

/** Constraints of `lloydCaseArbitrary`. */
export interface LloydCaseConstraints {
  readonly spec?: MixtureSpecConstraints;
  /** Largest T; default 10. */
  readonly maxIterations?: number;
  /** Range of Λ_0 for perturbed-truth; default [0, 0.45]. */
  readonly lambda0Range?: readonly [number, number];
}

/**
 * Lloyd cases for claim E1: k ≥ 2 (perturbed-truth needs a separation), an initialization at
 * Λ_0 from the range, T in [1, maxIterations], and β either the default (half the cases) or
 * log-uniform in [1e-2, 1e2], which often falls outside E1's margin regime.
 */
export function lloydCaseArbitrary(constraints: LloydCaseConstraints = {}): fc.Arbitrary<LloydCase> {
  const maxIterations = constraints.maxIterations ?? 10;
  const [lambdaMin, lambdaMax] = constraints.lambda0Range ?? [0, 0.45];
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1))
    throw new RangeError(`lloydCaseArbitrary: maxIterations must be an integer >= 1, got ${maxIterations}`);
  return fc
    .record({
      spec: mixtureSpecArbitrary({ ...constraints.spec, minK: Math.max(2, constraints.spec?.minK ?? 2) }),
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      lambda0: fc.double({ min: lambdaMin, max: lambdaMax, noNaN: true }),
      iterations: fc.integer({ min: 1, max: maxIterations }),
      beta: fc.option(fc.double({ min: Math.log(1e-2), max: Math.log(1e2), noNaN: true }).map(Math.exp), { nil: undefined }),
    })
    .map(({ spec, seed, lambda0, iterations, beta }) => {
      const rng = new Rng(seed);
      const instance = sampleInstance(spec, rng);
      return { instance, init: perturbedTruth(instance.centers, lambda0, rng), iterations, beta };
    });
}

/**
 * Lloyd cases aimed at claim E1's margin regime (every E-step has min_i β·g_i/2 ≥ 110): well
 * separated mixtures (Δ in [10, 14], σ in [0.2, 1], so Δ/σ ≥ 10), perturbed-truth at Λ_0 ≤ 0.15,
 * at least 4 points per cluster, and the construction's default β. Most cases land inside the
 * regime; a property classifies the rest with fc.pre and asserts the inside share.
 */
export function e1RegimeCaseArbitrary(
  constraints: { readonly spec?: MixtureSpecConstraints; readonly maxIterations?: number } = {},
): fc.Arbitrary<LloydCase> {
  return lloydCaseArbitrary({
    spec: { deltaRange: [10, 14], sigmaRange: [0.2, 1], minPointsPerCluster: 4, ...constraints.spec },
    lambda0Range: [0, 0.15],
    maxIterations: constraints.maxIterations ?? 10,
  }).map((c) => ({ ...c, beta: undefined }));
}
