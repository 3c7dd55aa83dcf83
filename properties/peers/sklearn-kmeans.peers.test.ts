import { runPeerScript, SCIKIT_LEARN } from '../../bench/peers';
import { testSeed } from '../seed';
import { expectClose } from './closeness';
import { oracleScript } from './oracles';
import { cluster, sample } from './tvem-json';

// Claim A2's reference: theory/lloyd.ts is Lloyd's algorithm exactly as scikit-learn runs it.
const CASES = [
  { k: 3, d: 2, n: 600, delta: 3, layout: 'simplex' },
  { k: 5, d: 10, n: 2000, delta: 2, layout: 'simplex' },
  { k: 4, d: 3, n: 1000, delta: 2.5, layout: 'random' },
];

describe('Lloyd against scikit-learn KMeans(algorithm="lloyd", n_init=1, tol=0) from the same centers', () => {
  test.each(CASES)('k=$k d=$d n=$n Δ=$delta $layout: same labels and centers', (spec) => {
    const seed = testSeed(`sklearn-kmeans ${JSON.stringify(spec)}`);
    const replay = `tvem sample --k ${spec.k} --d ${spec.d} --n ${spec.n} --delta ${spec.delta} --layout ${spec.layout} --seed ${seed} | tvem cluster --method lloyd --init kmeans++ --seed ${seed + 1}`;
    const instance = sample({ ...spec, seed });
    const ours = cluster(instance, { method: 'lloyd', init: 'kmeans++', seed: seed + 1 });
    const reference = runPeerScript(SCIKIT_LEARN, oracleScript('sklearn_kmeans.py'), {
      points: instance.points,
      init: ours.initCenters,
      maxIterations: 1000,
    }) as {
      centers: number[][];
      labels: number[];
      iterations: number;
    };
    expect({ replay, converged: ours.converged }).toEqual({ replay, converged: true });
    // Both count the final pass that finds the labels unchanged as an iteration.
    expect({ replay, iterations: ours.iterations }).toEqual({ replay, iterations: reference.iterations });
    const mismatched = ours.labels.flatMap((label, i) => (label === reference.labels[i] ? [] : [i]));
    expect({ replay, mismatched }).toEqual({ replay, mismatched: [] });
    expectClose(`centers (${replay})`, ours.centers.flat(), reference.centers.flat(), 1e-12);
  });
});
