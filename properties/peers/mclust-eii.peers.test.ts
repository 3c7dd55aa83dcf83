import { MCLUST, runPeerScript } from '../../bench/peers';
import { nearestCenterVariance } from '../../theory/em';
import { fromRows } from '../../theory/matrix';
import { testSeed } from '../seed';
import { expectClose } from './closeness';
import { oracleScript } from './oracles';
import { cluster, sample } from './tvem-json';

// CLAIMS.md §2's EM (one shared σ²) is mclust's model "EII".
const CASES = [
  { k: 3, d: 2, n: 500, delta: 2, iterations: 10 },
  { k: 5, d: 8, n: 1500, delta: 3, iterations: 6 },
];
const TOLERANCE = 1e-6;

describe('EM (shared σ²) against R mclust em(modelName = "EII") from the same parameters', () => {
  test.each(CASES)(
    'k=$k d=$d n=$n Δ=$delta, $iterations iterations: same centers, σ², weights and final log-likelihood to 1e-6',
    (spec) => {
      const { iterations, ...instanceSpec } = spec;
      const seed = testSeed(`mclust-eii ${JSON.stringify(spec)}`);
      const replay = `tvem sample --k ${spec.k} --d ${spec.d} --n ${spec.n} --delta ${spec.delta} --seed ${seed} | tvem cluster --method em --iterations ${iterations} --init kmeans++ --seed ${seed + 1}`;
      const instance = sample({ ...instanceSpec, seed });
      const ours = cluster(instance, { method: 'em', covariance: 'shared', iterations, init: 'kmeans++', seed: seed + 1 });
      const sigma2 = nearestCenterVariance(fromRows('points', instance.points), fromRows('initCenters', ours.initCenters));
      const reference = runPeerScript(MCLUST, oracleScript('mclust_eii.R'), {
        points: instance.points,
        init: ours.initCenters,
        weights: new Array<number>(spec.k).fill(1 / spec.k),
        sigma2,
        iterations: ours.iterations,
      }) as { centers: number[][]; weights: number[]; sigma2: number; loglik: number };
      expectClose(`centers (${replay})`, ours.centers.flat(), reference.centers.flat(), TOLERANCE);
      expectClose(`σ² (${replay})`, [ours.variances![0]!], [reference.sigma2], TOLERANCE);
      expectClose(`weights (${replay})`, ours.weights!, reference.weights, TOLERANCE);
      expectClose(
        `log-likelihood after ${ours.iterations} M-steps (${replay})`,
        [ours.history[ours.iterations]!],
        [reference.loglik],
        TOLERANCE,
      );
    },
  );
});
