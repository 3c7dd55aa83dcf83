import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { initBackend } from '../model/backend';
import { samplePretrainingN } from '../model/clustering/clustering-task';
import { ClusteringTraining } from '../model/clustering/clustering-training';
import { type ClusteringExperimentInput, parseClusteringExperiment } from '../model/clustering/config';
import { PretrainingData } from '../model/clustering/pretraining-data';
import { trainLoop } from '../model/training/train-loop';
import { Rng } from '../theory/rng';
import { testSeed } from './seed';

/*
 * Claim F3 pre-trains on n drawn per batch from [32, 256] (config.nRange): every batch shares one
 * n inside the range, the draw depends only on (seed, step), validation mixes n, and training runs.
 */

/** A tiny transformer: k = 2, d = 2, one block of width 8, n per batch in `nRange`. */
function tinyConfig(nRange: [number, number], overrides: ClusteringExperimentInput = {}) {
  return parseClusteringExperiment({
    k: 2,
    d: 2,
    n: nRange[0],
    nRange,
    deltaRange: [4, 4],
    architecture: { width: 8, heads: 2, layers: 1, hidden: 8 },
    batchSize: 4,
    validationInstances: 12,
    seed: testSeed('F3 n range'),
    training: { steps: 6, learningRate: 0.01, warmupSteps: 2, evalEvery: 3, patience: 10 },
    ...overrides,
  });
}

const nRange = fc
  .tuple(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 0, max: 40 }))
  .map(([low, width]): [number, number] => [low, low + width]);

beforeAll(async () => {
  await initBackend();
});

describe('F3: pre-training with n drawn per batch', () => {
  test.prop([nRange, fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 1000 })], { numRuns: 30 })(
    'F3: every batch shares one n inside nRange, and a batch depends only on (seed, step)',
    (range, seed, step) => {
      const config = tinyConfig(range, { seed });
      const batch = new PretrainingData(config, new Rng(seed)).batch(step);
      const ns = new Set(batch.map((t) => t.instance.spec.n));
      expect(ns.size).toBe(1);
      const [n] = [...ns];
      expect(n).toBeGreaterThanOrEqual(range[0]);
      expect(n).toBeLessThanOrEqual(range[1]);
      for (const task of batch) expect(task.instance.points.rows).toBe(n);
      const again = new PretrainingData(config, new Rng(seed)).batch(step);
      expect(again.map((t) => Array.from(t.instance.points.data))).toEqual(batch.map((t) => Array.from(t.instance.points.data)));
    },
  );

  test('F3: the per-batch n covers the whole range, about uniformly (χ² at failure probability 1e-6)', () => {
    const config = tinyConfig([32, 35]);
    const rng = new Rng(testSeed('F3 n range uniform'));
    const counts = [0, 0, 0, 0];
    const draws = 4000;
    for (let j = 0; j < draws; j++) counts[samplePretrainingN(config, rng.split(j)) - 32]!++;
    const chiSquare = counts.reduce((s, c) => s + (c - draws / 4) ** 2 / (draws / 4), 0);
    // χ²(3) exceeds 30.7 with probability 1e-6
    expect(chiSquare).toBeLessThan(30.7);
  });

  test('F3: without nRange the batches keep config.n', () => {
    const config = parseClusteringExperiment({ ...tinyConfig([8, 8]), nRange: null, n: 10 });
    const batch = new PretrainingData(config, new Rng(1)).batch(3);
    expect(batch.every((t) => t.instance.spec.n === 10)).toBe(true);
  });

  test('F3: nRange is validated: ordered, at least k, and only with a fresh stream', () => {
    expect(() => tinyConfig([20, 10])).toThrow(/nRange.*max \(10\) must be >= min \(20\)/);
    expect(() => tinyConfig([1, 10])).toThrow(/nRange/);
    expect(() => tinyConfig([8, 16], { pretrainingInstances: 100 })).toThrow(/nRange.*fresh pre-training stream/);
    // the attention budget is checked at the largest n
    expect(() => tinyConfig([8, 1024], { batchSize: 4096, architecture: { width: 8, heads: 2, layers: 1, hidden: 8 } })).toThrow(
      /largest n/,
    );
  });

  test('F3: training with n per batch runs, and its validation loss (over mixed n) is finite', () => {
    const problem = new ClusteringTraining(tinyConfig([6, 20]));
    try {
      const outcome = trainLoop(problem, problem.config.training);
      expect(outcome.stepsRun).toBe(6);
      expect(Number.isFinite(problem.validationLoss())).toBe(true);
    } finally {
      problem.dispose();
    }
  });
});
