import { runPeerScript, SCIKIT_LEARN } from '../../bench/peers';
import { nearestCenterVariance } from '../../theory/em';
import { fromRows } from '../../theory/matrix';
import { testSeed } from '../seed';
import { expectClose } from './closeness';
import { oracleScript } from './oracles';
import { cluster, sample } from './tvem-json';

// Claim A3's reference: theory/em.ts with per-cluster σ_a² is scikit-learn's spherical GaussianMixture.
const CASES = [
  { k: 3, d: 2, n: 500, delta: 2, iterations: 12 },
  { k: 4, d: 6, n: 1000, delta: 3, iterations: 8 },
];
const TOLERANCE = 1e-6;

describe('EM (per-cluster σ_a²) against scikit-learn GaussianMixture(covariance_type="spherical", reg_covar=0) from the same parameters', () => {
  test.each(CASES)(
    'k=$k d=$d n=$n Δ=$delta, $iterations iterations: same log-likelihood history, centers, variances and weights to 1e-6',
    (spec) => {
      const { iterations, ...instanceSpec } = spec;
      const seed = testSeed(`sklearn-gmm ${JSON.stringify(spec)}`);
      const replay = `tvem sample --k ${spec.k} --d ${spec.d} --n ${spec.n} --delta ${spec.delta} --seed ${seed} | tvem cluster --method em --covariance per-cluster --iterations ${iterations} --init kmeans++ --seed ${seed + 1}`;
      const instance = sample({ ...instanceSpec, seed });
      const ours = cluster(instance, { method: 'em', covariance: 'per-cluster', iterations, init: 'kmeans++', seed: seed + 1 });
      const sigma2 = nearestCenterVariance(fromRows('points', instance.points), fromRows('initCenters', ours.initCenters));
      const reference = runPeerScript(SCIKIT_LEARN, oracleScript('sklearn_gmm_history.py'), {
        points: instance.points,
        init: ours.initCenters,
        weights: new Array<number>(spec.k).fill(1 / spec.k),
        sigma2,
        iterations: ours.iterations,
      }) as { history: number[]; means: number[][]; variances: number[]; weights: number[] };
      expect({ replay, historyLength: ours.history.length }).toEqual({ replay, historyLength: ours.iterations + 1 });
      // Entry t is the log-likelihood after t M-steps on both sides (see sklearn_gmm_history.py).
      ours.history.forEach((logLikelihood, t) =>
        expectClose(`log-likelihood after ${t} M-steps (${replay})`, [logLikelihood], [reference.history[t]!], TOLERANCE),
      );
      expectClose(`centers (${replay})`, ours.centers.flat(), reference.means.flat(), TOLERANCE);
      expectClose(`variances (${replay})`, ours.variances!, reference.variances, TOLERANCE);
      expectClose(`weights (${replay})`, ours.weights!, reference.weights, TOLERANCE);
    },
  );
});
