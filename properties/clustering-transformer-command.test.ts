import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../model/backend';
import { trainClusteringTransformer } from '../model/clustering/pretrained-transformer';
import { METADATA_FILE, WEIGHTS_FILE } from '../model/training/checkpoint';
import { clusterWithTransformer, type TransformerOptions } from '../reports/cli/cluster-transformer';
import { instanceToJson, parseClusterInput } from '../reports/cli/instance-json';
import { sampleInstance } from '../theory/mixture';
import { Rng } from '../theory/rng';
import { runTvem, runTvemPipeline } from './cli-process';
import { testSeed } from './seed';

let root: string;
let checkpoint: string;

beforeAll(async () => {
  await initBackend();
  root = mkdtempSync(join(tmpdir(), 'tvem-transformer-'));
  const trained = trainClusteringTransformer(
    {
      k: 2,
      d: 2,
      n: 16,
      architecture: { width: 8, heads: 2, layers: 1, hidden: 8 },
      batchSize: 4,
      validationInstances: 4,
      seed: testSeed('F3: command'),
      training: { steps: 3, evalEvery: 3 },
    },
    { checkpointRoot: root },
  );
  checkpoint = trained.cached.checkpointDirectory;
  trained.training.dispose();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function input(n = 40) {
  const instance = sampleInstance(
    { k: 2, d: 2, n, delta: 5, sigma: 1, layout: 'simplex', variant: { kind: 'isotropic' } },
    new Rng(testSeed('F3: command input')),
  );
  return parseClusterInput(JSON.stringify(instanceToJson(instance)), 'input');
}

const options = (overrides: Partial<TransformerOptions> = {}): TransformerOptions => ({
  init: 'perturbed-truth',
  lambda0: 0.3,
  checkpoint,
  ...overrides,
});

describe('F3: tvem cluster --method transformer', () => {
  test('F3: writes the fields of --method lloyd plus the backend, at any n, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const out = await clusterWithTransformer(input(), options(), new Rng(1));
    expect(tf.memory().numTensors).toBe(before);
    expect(out).toMatchObject({
      method: 'transformer',
      init: 'perturbed-truth',
      iterations: 1,
      history: [],
      converged: false,
      backend: expect.any(String),
    });
    expect(out.labels).toHaveLength(40);
    expect(out.initCenters).toHaveLength(2);
    expect(out.centers).toHaveLength(2);
    expect(out.mislabelRate).toBeGreaterThanOrEqual(0);
  });

  test('F3: accepts the checkpoint folder or its checkpoint.json', async () => {
    const a = await clusterWithTransformer(input(), options(), new Rng(1));
    const b = await clusterWithTransformer(input(), options({ checkpoint: join(checkpoint, METADATA_FILE) }), new Rng(1));
    expect(b.labels).toEqual(a.labels);
  });

  test('F3: a missing, wrong-kind, corrupted or other-code checkpoint is a one-line error', async () => {
    await expect(clusterWithTransformer(input(), options({ checkpoint: join(root, 'nope') }), new Rng(1))).rejects.toThrow(
      /^--checkpoint: .* does not exist$/,
    );
    const wrongKind = mkdtempSync(join(root, 'estep-'));
    const metadata = JSON.parse(readFileSync(join(checkpoint, METADATA_FILE), 'utf8'));
    writeFileSync(join(wrongKind, METADATA_FILE), JSON.stringify({ ...metadata, key: { ...metadata.key, kind: 'estep' } }));
    await expect(clusterWithTransformer(input(), options({ checkpoint: wrongKind }), new Rng(1))).rejects.toThrow(
      /holds a 'estep' checkpoint, not a 'clustering-transformer' one/,
    );
    const corrupted = mkdtempSync(join(root, 'corrupted-'));
    writeFileSync(join(corrupted, METADATA_FILE), readFileSync(join(checkpoint, METADATA_FILE)));
    const bytes = readFileSync(join(checkpoint, WEIGHTS_FILE));
    bytes[5] = bytes[5]! ^ 0xff;
    writeFileSync(join(corrupted, WEIGHTS_FILE), bytes);
    await expect(clusterWithTransformer(input(), options({ checkpoint: corrupted }), new Rng(1))).rejects.toThrow(
      /corrupted or mismatched \(weights checksum mismatch/,
    );
    writeFileSync(join(corrupted, METADATA_FILE), '{not json');
    await expect(clusterWithTransformer(input(), options({ checkpoint: corrupted }), new Rng(1))).rejects.toThrow(/is corrupted/);
    const otherCode = mkdtempSync(join(root, 'other-code-'));
    writeFileSync(join(otherCode, METADATA_FILE), JSON.stringify({ ...metadata, code: 'f'.repeat(64) }));
    writeFileSync(join(otherCode, WEIGHTS_FILE), readFileSync(join(checkpoint, WEIGHTS_FILE)));
    await expect(clusterWithTransformer(input(), options({ checkpoint: otherCode }), new Rng(1))).rejects.toThrow(
      /^--checkpoint: .* is corrupted or mismatched \(trained by other code \(training-code fingerprint ffffffffffff/,
    );
  });

  test('F3: points of another dimension are rejected naming it', async () => {
    const instance = sampleInstance(
      { k: 2, d: 3, n: 20, delta: 5, sigma: 1, layout: 'simplex', variant: { kind: 'isotropic' } },
      new Rng(2),
    );
    await expect(
      clusterWithTransformer(parseClusterInput(JSON.stringify(instanceToJson(instance)), 'input'), options(), new Rng(1)),
    ).rejects.toThrow(/points dimension must be 2/);
  });

  test('F3: tvem sample --count 200 | tvem cluster --method transformer: one process per side, a line per instance, the inits of --method lloyd', async () => {
    const seed = testSeed('F3: command stream') % 100_000;
    const sample = ['sample', '--k', '2', '--d', '2', '--n', '16', '--delta', '5', '--count', '200', '--seed', String(seed)];
    const cluster = ['--init', 'kmeans++', '--seed', String((seed + 1) % 100_000)];
    const { left, right } = await runTvemPipeline(sample, ['cluster', '--method', 'transformer', '--checkpoint', checkpoint, ...cluster]);
    expect(left.status).toBe(0);
    expect(right.stderr).toBe('');
    expect(right.status).toBe(0);
    const transformer = right.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(transformer).toHaveLength(200);
    const lloyd = runTvem(['cluster', '--method', 'lloyd', ...cluster], left.stdout);
    expect(lloyd.status).toBe(0);
    const reference = lloyd.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(transformer.map((line) => line.initCenters)).toEqual(reference.map((line) => line.initCenters));
    expect(new Set(transformer.map((line) => JSON.stringify(line.initCenters))).size).toBe(200);
    for (const line of transformer) expect(line).toMatchObject({ method: 'transformer', checkpoint, labels: expect.any(Array) });
  });
});

describe('G1: tvem cluster --method transformer with a wrong-k checkpoint', () => {
  test('G1: a checkpoint told m = 3 clusters of k = 2 data labels into 3 clusters, needs --k 3, and reports the rate over max(k, m) labels', async () => {
    const trained = trainClusteringTransformer(
      {
        k: 2,
        d: 2,
        n: 16,
        init: 'none',
        clustersTold: 3,
        architecture: { width: 8, heads: 2, layers: 1, hidden: 8 },
        batchSize: 4,
        validationInstances: 4,
        seed: testSeed('G1: command wrong k'),
        training: { steps: 3, evalEvery: 3 },
      },
      { checkpointRoot: root },
    );
    trained.training.dispose();
    const wrongK = { checkpoint: trained.cached.checkpointDirectory };
    const out = await clusterWithTransformer(input(), options({ ...wrongK, k: 3 }), new Rng(1));
    expect(out.centers).toHaveLength(3);
    expect(out.labels.every((a) => a >= 0 && a < 3)).toBe(true);
    expect(out.mislabelRate).toBeGreaterThanOrEqual(0);
    expect(out.mislabelRate).toBeLessThanOrEqual(1 - 1 / 3);
    await expect(clusterWithTransformer(input(), options({ ...wrongK, k: 2 }), new Rng(1))).rejects.toThrow(
      /--k must be 3: this checkpoint was trained without an initialization to find 3 clusters/,
    );
  });
});
