import fc from 'fast-check';
import { b1LogitScale } from '../../bounds/b1-logit-scale';
import type { Instance } from '../../theory/mixture';
import { instanceArbitrary } from './instance';
import type { MixtureSpecConstraints } from './mixtureSpec';

/** An instance and an E-step temperature whose score scale S is at most a chosen maximum. */
export interface B1Case {
  readonly instance: Instance;
  readonly beta: number;
  /** b1LogitScale at this β: at most maxScoreScale by construction. */
  readonly scoreScale: number;
}

/**
 * B1 cases with score scale S ≤ maxScoreScale (d, k from `spec`); several maxima cover every scale:
 * S is linear in β, so β = share·maxScoreScale / S(β = 1) with share log-uniform in
 * [1e-3, 1] puts every case inside, up to its edge (share = 1), with no filtering. The scale at
 * β = 1 is positive for any instance with two distinct points or centers; a zero one (all points
 * and centers at the origin) cannot be sampled with Δ > 0.
 */
export function b1CaseArbitrary(maxScoreScale: number, spec: MixtureSpecConstraints): fc.Arbitrary<B1Case> {
  if (!(maxScoreScale > 0)) throw new RangeError(`b1CaseArbitrary: maxScoreScale must be > 0, got ${maxScoreScale}`);
  return fc
    .tuple(instanceArbitrary(spec), fc.oneof(fc.constant(1), fc.double({ min: Math.log(1e-3), max: 0, noNaN: true }).map(Math.exp)))
    .map(([instance, share]) => {
      const unit = b1LogitScale(instance.points, instance.centers, 1);
      const beta = (share * maxScoreScale) / unit;
      return { instance, beta, scoreScale: b1LogitScale(instance.points, instance.centers, beta) };
    });
}
