import fc from 'fast-check';
import type { B2ProofCase } from '../../bounds/proofs/b2-steps';
import { type NearTieConstraints, nearTieCaseArbitrary } from './nearTieCase';

/** Claim B2's proof cases: near-tie points and centers (nearTieCaseArbitrary) and ε log-uniform in [1e-12, 0.5]. */
export function b2ProofCaseArbitrary(constraints: NearTieConstraints = {}): fc.Arbitrary<B2ProofCase> {
  return fc
    .tuple(nearTieCaseArbitrary(constraints), fc.double({ min: Math.log(1e-12), max: Math.log(0.5), noNaN: true }).map(Math.exp))
    .map(([c, epsilon]) => ({ ...c, epsilon }));
}
