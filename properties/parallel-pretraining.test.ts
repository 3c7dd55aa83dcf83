import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../model/backend';
import { type ClusteringExperimentInput, parseClusteringExperiment } from '../model/clustering/config';
import { pretrainClusteringTransformers, pretrainingWorkers, WORKERS_ENV } from '../model/clustering/parallel-pretraining';
import { trainClusteringTransformer } from '../model/clustering/pretrained-transformer';
import { METADATA_FILE, WEIGHTS_FILE } from '../model/training/checkpoint';
import { testSeed } from './seed';

/** Two tiny, independent configs (different k, each with its own seed). */
function tinyConfig(k: number, steps = 30): ClusteringExperimentInput {
  return {
    k,
    d: 2,
    n: 12,
    deltaRange: [4, 6],
    architecture: { width: 8, heads: 2, layers: 1, hidden: 8 },
    batchSize: 8,
    validationInstances: 16,
    seed: testSeed(`parallel pre-training k=${k}`),
    training: { steps, learningRate: 0.01, warmupSteps: 5, evalEvery: 10, patience: 100 },
  };
}

let roots: string[] = [];
const tempRoot = () => {
  const root = mkdtempSync(join(tmpdir(), 'tvem-parallel-'));
  roots.push(root);
  return root;
};

beforeAll(async () => {
  await initBackend();
});

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
  roots = [];
});

describe('parallel pre-training (F3, F4): worker processes', () => {
  test('with 2 workers, two configs (one listed twice) train once each into checkpoints equal byte for byte to in-process training', async () => {
    const configs = [tinyConfig(2), tinyConfig(3)];
    const parallelRoot = tempRoot();
    const ticks: [number, number][] = [];
    const trained = await pretrainClusteringTransformers([configs[0]!, configs[1]!, configs[0]!], {
      workers: 2,
      checkpointRoot: parallelRoot,
      onProgress: (done, total) => ticks.push([done, total]),
    });
    expect(trained.size).toBe(2);
    const total = 3 * 30;
    expect(ticks.at(-1)).toEqual([total, total]);
    expect(ticks.every(([done], i) => done >= (ticks[i - 1]?.[0] ?? 0))).toBe(true);

    const sequentialRoot = tempRoot();
    for (const config of configs) {
      const inProcess = trainClusteringTransformer(config, { checkpointRoot: sequentialRoot });
      try {
        expect(inProcess.cached.source).toBe('trained');
        const fromWorker = trained.get(inProcess.cached.configHash);
        expect(fromWorker?.checkpointDirectory).toBe(join(parallelRoot, inProcess.cached.configHash.slice(0, 24)));
        expect(fromWorker?.stepsRun).toBe(inProcess.cached.outcome.stepsRun);
        for (const file of [WEIGHTS_FILE, METADATA_FILE]) {
          expect(
            readFileSync(join(fromWorker!.checkpointDirectory, file)).equals(
              readFileSync(join(inProcess.cached.checkpointDirectory, file)),
            ),
          ).toBe(true);
        }
      } finally {
        inProcess.training.dispose();
      }
      // The claim's loop then loads the worker's checkpoint and reports it as trained in this run.
      const loaded = trainClusteringTransformer(config, { checkpointRoot: parallelRoot, pretrained: trained });
      loaded.training.dispose();
      expect(loaded.cached.source).toBe('trained');
    }
    // Everything is cached now: no worker is started.
    expect((await pretrainClusteringTransformers(configs, { workers: 2, checkpointRoot: parallelRoot })).size).toBe(0);
  });

  test('a failing worker is an error naming the config', async () => {
    // A checkpoint root below a regular file: the worker trains, then cannot write the checkpoint.
    const file = join(tempRoot(), 'not-a-folder');
    writeFileSync(file, '');
    const configs = [tinyConfig(2, 3), tinyConfig(3, 3)];
    const seed = parseClusteringExperiment(configs[0]!).seed;
    await expect(pretrainClusteringTransformers(configs, { workers: 2, checkpointRoot: join(file, 'checkpoints') })).rejects.toThrow(
      new RegExp(`k=[23], init=perturbed-truth, N=∞, seed (${seed}|${parseClusteringExperiment(configs[1]!).seed})`),
    );
  });

  test(`the worker count: at most one per config, ${WORKERS_ENV} overrides the default, a bad value is named`, () => {
    const saved = process.env[WORKERS_ENV];
    try {
      delete process.env[WORKERS_ENV];
      expect(pretrainingWorkers(1)).toBe(1);
      expect(pretrainingWorkers(5, 2)).toBe(2);
      process.env[WORKERS_ENV] = '1';
      expect(pretrainingWorkers(5)).toBe(1);
      process.env[WORKERS_ENV] = '8';
      expect(pretrainingWorkers(3)).toBe(3);
      process.env[WORKERS_ENV] = 'two';
      expect(() => pretrainingWorkers(3)).toThrow(`${WORKERS_ENV} must be an integer >= 1, got "two"`);
    } finally {
      if (saved === undefined) delete process.env[WORKERS_ENV];
      else process.env[WORKERS_ENV] = saved;
    }
  });
});
