import fc from 'fast-check';
import type { D1ProofCase } from '../../bounds/proofs/d1-steps';
import { evaluateTarget, type LipschitzTarget, lipschitzTargetArbitrary } from './lipschitzTarget';

/** A D1 target with δ: one proof case per probe point. */
export interface D1ProofTarget {
  readonly target: LipschitzTarget;
  readonly delta: number;
}

/**
 * Claim D1's proof cases: a Lipschitz target (lipschitzTargetArbitrary: setting, f and probes)
 * and δ as a share, log-uniform in [1e-2, 10], of the covering radius √d·h/2 (δ > 0 always).
 */
export function d1ProofTargetArbitrary(): fc.Arbitrary<D1ProofTarget> {
  return fc
    .tuple(lipschitzTargetArbitrary(), fc.double({ min: Math.log(1e-2), max: Math.log(10), noNaN: true }).map(Math.exp))
    .map(([target, share]) => {
      const h = (2 * target.R) / (target.m - 1);
      return { target, delta: (share * Math.sqrt(target.d) * h) / 2 };
    });
}

/** The D1 proof cases of a target, one per probe. */
export function d1ProofCases({ target, delta }: D1ProofTarget): D1ProofCase[] {
  const setting = { d: target.d, m: target.m, R: target.R, L: target.L, beta: target.beta };
  return target.probes.map((x) => ({ setting, x, delta, f: (y: ArrayLike<number>) => evaluateTarget(target, y) }));
}
