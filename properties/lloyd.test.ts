import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { claimEntry } from '../bounds/registry';
import { hardEStep } from '../theory/estep';
import { kmeansPlusPlus } from '../theory/init';
import { lloyd } from '../theory/lloyd';
import { fromRows } from '../theory/matrix';
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

/** Lloyd on points 0, 1, 2, 10, 11, 12 (d = 1), worked by hand. */
describe('A2: Lloyd, known answers', () => {
  const points = fromRows('points', [[0], [1], [2], [10], [11], [12]]);

  test('A2: from centers 0 and 1: objectives 303, 50.32, 4, a fixed point at the third iteration', () => {
    // 1: labels 0,1,1,1,1,1 (J = 0+0+1+81+100+121), centers 0 and 36/5; 2: labels 0,0,0,1,1,1
    // (J = 0+1+4+2.8²+3.8²+4.8²), centers 1 and 11; 3: no label changes (J = 1+0+1+1+0+1)
    const run = lloyd(points, fromRows('init', [[0], [1]]));
    expect(run.iterations).toBe(3);
    expect(run.converged).toBe(true);
    expect(run.history[0]).toBe(303);
    expect(run.history[1]).toBeCloseTo(50.32, 12);
    expect(run.history[2]).toBe(4);
    expect(Array.from(run.centers.data)).toEqual([1, 11]);
    expect(Array.from(run.labels)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(run.emptyClusterEvents).toEqual([]);
  });

  test('A2: capped at 2 iterations: not converged, the centers moved, the labels are those of the returned centers', () => {
    const run = lloyd(points, fromRows('init', [[0], [1]]), { maxIterations: 2 });
    expect(run.iterations).toBe(2);
    expect(run.converged).toBe(false);
    expect(run.history).toHaveLength(2);
    expect(Array.from(run.centers.data)).toEqual([1, 11]);
    expect(Array.from(run.labels)).toEqual([0, 0, 0, 1, 1, 1]);
    // capped after one iteration the labels are relabelled afresh against centers 0 and 7.2
    const one = lloyd(points, fromRows('init', [[0], [1]]), { maxIterations: 1 });
    expect(Array.from(one.centers.data)).toEqual([0, 7.2]);
    expect(Array.from(one.labels)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(one.converged).toBe(false);
  });

  test('A2: an empty cluster is reported at every iteration that moves the centers, and keeps its center', () => {
    const run = lloyd(points, fromRows('init', [[0], [1], [100]]));
    expect(run.emptyClusterEvents).toEqual([
      { iteration: 1, clusters: [2] },
      { iteration: 2, clusters: [2] },
    ]);
    expect(Array.from(run.centers.data)).toEqual([1, 11, 100]);
    expect(run.converged).toBe(true);
  });

  test('A2: the initial centers are not modified', () => {
    const init = fromRows('init', [[0], [1]]);
    lloyd(points, init);
    expect(Array.from(init.data)).toEqual([0, 1]);
  });

  test('A2: Lloyd rejects bad options, non-finite input and a width mismatch, naming them', () => {
    const init = fromRows('init', [[0], [1]]);
    expect(() => lloyd(points, init, { maxIterations: 0 })).toThrow('maxIterations must be an integer >= 1, got 0');
    expect(() => lloyd(points, init, { maxIterations: 1.5 })).toThrow('maxIterations must be an integer >= 1, got 1.5');
    const bad = fromRows('bad', [[0], [1]]);
    bad.data[1] = Number.NaN;
    expect(() => lloyd(bad, init)).toThrow('points[1][0] must be a finite number, got NaN');
    const badInit = fromRows('badInit', [[0], [1]]);
    badInit.data[0] = Number.NEGATIVE_INFINITY;
    expect(() => lloyd(points, badInit)).toThrow('initCenters[0][0] must be a finite number, got -Infinity');
    expect(() => lloyd(points, fromRows('wide', [[0, 0]]))).toThrow(
      'initCenters width must be equal to the dimension of points (1), got 2',
    );
  });
});
