import fc from 'fast-check';
import { type Instance, sampleInstance } from '../../theory/mixture';
import { Rng } from '../../theory/rng';
import { type MixtureSpecConstraints, mixtureSpecArbitrary } from './mixtureSpec';

/**
 * Sampled instances: a spec from `mixtureSpecArbitrary` and a 32-bit sampling seed, so a failing
 * case shrinks to a small spec and replays from (spec, seed).
 */
export function instanceArbitrary(constraints: MixtureSpecConstraints = {}): fc.Arbitrary<Instance> {
  return fc
    .tuple(mixtureSpecArbitrary(constraints), fc.integer({ min: 0, max: 0xffffffff }))
    .map(([spec, seed]) => sampleInstance(spec, new Rng(seed)));
}
