import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { claimEntry } from '../bounds/registry';
import { hardEStep } from '../theory/estep';
import { kmeansPlusPlus } from '../theory/init';
import { lloyd } from '../theory/lloyd';
import { Rng } from '../theory/rng';
import { instanceArbitrary } from './arbitraries/instance';

const { relativeTolerance } = claimEntry('A2').constants;
const withInitSeed = fc.tuple(instanceArbitrary({ maxK: 6, maxN: 150, deltaRange: [0.3, 8] }), fc.integer({ min: 0, max: 0xffffffff }));

describe('A2: Lloyd', () => {
  test.prop([withInitSeed])('A2: never increases the k-means objective', ([instance, seed]) => {
    const run = lloyd(instance.points, kmeansPlusPlus(instance.points, instance.spec.k, new Rng(seed)));
    for (let t = 1; t < run.history.length; t++) {
      expect(run.history[t]!).toBeLessThanOrEqual(run.history[t - 1]! * (1 + relativeTolerance));
    }
  });

  test.prop([withInitSeed])('A2: stops at a fixed point in finitely many steps', ([instance, seed]) => {
    const run = lloyd(instance.points, kmeansPlusPlus(instance.points, instance.spec.k, new Rng(seed)), { maxIterations: 1000 });
    expect(run.converged).toBe(true);
    // A fixed point: the returned labels are the hard E-step of the returned centers, and one more
    // iteration from there changes nothing.
    expect(Array.from(hardEStep(instance.points, run.centers))).toEqual(Array.from(run.labels));
    const again = lloyd(instance.points, run.centers, { maxIterations: 1 });
    expect(Array.from(again.labels)).toEqual(Array.from(run.labels));
    expect(again.centers.data).toEqual(run.centers.data);
  });

  test.prop([withInitSeed])('A2: an empty cluster keeps its previous center and is reported', ([instance, seed]) => {
    // Put one initial center far away from every point so that its cluster is empty from the start.
    const init = kmeansPlusPlus(instance.points, instance.spec.k, new Rng(seed));
    const far = init.data.slice();
    far.fill(1e6, 0, instance.spec.d);
    const run = lloyd(instance.points, { ...init, data: far }, { maxIterations: 1 });
    if (instance.spec.k > 1) {
      expect(run.emptyClusterEvents[0]?.clusters).toContain(0);
      expect(Array.from(run.centers.data.subarray(0, instance.spec.d))).toEqual(new Array(instance.spec.d).fill(1e6));
    }
  });
});
