import { runPeerScript, SCIKIT_LEARN } from '../../bench/peers';
import { testSeed } from '../seed';
import { oracleScript } from './oracles';
import { cluster, sample } from './tvem-json';

// Claim A1 against an outside implementation: the Hungarian mislabel rate of `tvem cluster`
// equals a brute-force minimum over all k! relabellings computed in Python.
const KS = [2, 3, 4, 5, 6];

describe('mislabel rate against brute force over all permutations in Python', () => {
  test('k = 2…6, Lloyd from k-means++ at Δ = 1.5 (so that points are mislabelled)', () => {
    const runs = KS.map((k) => {
      const seed = testSeed(`mislabel k=${k}`);
      const instance = sample({ k, d: k, n: 300, delta: 1.5, seed });
      const ours = cluster(instance, { method: 'lloyd', init: 'kmeans++', seed: seed + 1 });
      return { k, seed, predicted: ours.labels, truth: instance.labels, ours: ours.mislabelRate };
    });
    const { rates } = runPeerScript(SCIKIT_LEARN, oracleScript('brute_force_mislabel.py'), {
      cases: runs.map(({ predicted, truth, k }) => ({ predicted, truth, k })),
    }) as { rates: number[] };
    const compared = runs.map((run, c) => ({ k: run.k, seed: run.seed, ours: run.ours, bruteForce: rates[c] }));
    expect(compared.every((run) => run.ours! > 0)).toBe(true);
    for (const run of compared) expect(run).toEqual({ ...run, ours: expect.closeTo(run.bruteForce!, 12) });
  });
});
