import * as tf from '@tensorflow/tfjs';
import { hoeffdingDeviation } from '../bounds/hoeffding';
import { initBackend } from '../model/backend';
import { samplePretrainingTask } from '../model/clustering/clustering-task';
import { ClusteringTraining } from '../model/clustering/clustering-training';
import { type ClusteringExperimentInput, parseClusteringExperiment } from '../model/clustering/config';
import { predictLabels } from '../model/clustering/predict';
import { embedInputs } from '../model/clustering/token-features';
import { trainLoop } from '../model/training/train-loop';
import { mislabelRate } from '../theory/mislabel';
import { Rng } from '../theory/rng';
import { mean } from '../theory/sample-statistics';
import { expectNoTensorLeaksAcrossSteps } from './expect-no-tensor-leaks';
import { testSeed } from './seed';

/**
 * model/clustering (clustering-training.ts, token-features.ts), claim G1 (wrong k): a transformer
 * told m ≠ k clusters, without an initialization: m slot tokens, m label logits, trained on k-cluster data.
 */

/** CLAIMS.md §4: failure probability of the learning test (Hoeffding). */
const FAILURE_PROBABILITY = 1e-6;

/** A tiny no-init transformer told m clusters: d = 2, n = 16, Δ/σ = 5, one block of width 16. */
function tinyConfig(name: string, k: number, m: number, overrides: ClusteringExperimentInput = {}) {
  return parseClusteringExperiment({
    k,
    d: 2,
    n: 16,
    deltaRange: [5, 5],
    init: 'none',
    clustersTold: m,
    architecture: { width: 16, heads: 2, layers: 1, hidden: 16 },
    batchSize: 16,
    validationInstances: 32,
    seed: testSeed(name),
    training: { steps: 200, learningRate: 0.01, warmupSteps: 20, evalEvery: 50, patience: 100 },
    ...overrides,
  });
}

beforeAll(async () => {
  await initBackend();
});

describe('G1: a transformer told m ≠ k clusters', () => {
  test.each([
    [3, 2],
    [2, 3],
  ])('G1: k = %i, m = %i: m slot tokens and m label logits, every label in [0, m), no tensor leaks across steps', (k, m) => {
    const config = tinyConfig(`G1: shapes k=${k} m=${m}`, k, m, { training: { steps: 12, evalEvery: 4, patience: 100 } });
    expectNoTensorLeaksAcrossSteps(() => new ClusteringTraining(config), config.training);
    const problem = new ClusteringTraining(config);
    try {
      expect(problem.model.features.slots).toBe(m);
      const task = samplePretrainingTask(config, new Rng(testSeed(`G1: shapes task k=${k} m=${m}`)));
      const shape = tf.tidy(() => problem.model.logits(embedInputs(problem.model.features, [{ points: task.instance.points }]), 16).shape);
      expect(shape).toEqual([1, 16, m]);
      const [labels] = predictLabels(problem.model, [{ points: task.instance.points }]);
      expect(Array.from(labels!).every((a) => a >= 0 && a < m)).toBe(true);
    } finally {
      problem.dispose();
    }
  });

  test(`G1: told m = 3 on k = 2 data (Δ/σ = 5), 200 steps learn: mean mislabel rate over 3 labels below 1/4, half of labelling every point alike (failure probability ${FAILURE_PROBABILITY})`, () => {
    const name = 'G1: wrong k learns';
    const config = tinyConfig(name, 2, 3);
    const problem = new ClusteringTraining(config);
    try {
      trainLoop(problem, config.training);
      const rng = new Rng(testSeed(`${name} held-out`));
      const tasks = Array.from({ length: 400 }, (_, j) => samplePretrainingTask(config, rng.split(j)));
      const predicted = predictLabels(
        problem.model,
        tasks.map((t) => ({ points: t.instance.points })),
      );
      const rates = tasks.map((t, j) => mislabelRate(predicted[j]!, t.instance.labels, 3));
      // rates over 3 labels lie in [0, 2/3]; one label for all points errs at 1/2 on balanced k = 2
      const upper = mean(rates) + hoeffdingDeviation(rates.length, FAILURE_PROBABILITY, 2 / 3);
      expect({ seed: config.seed, meanRate: mean(rates), upper, belowQuarter: upper < 0.25 }).toMatchObject({ belowQuarter: true });
    } finally {
      problem.dispose();
    }
  });
});
