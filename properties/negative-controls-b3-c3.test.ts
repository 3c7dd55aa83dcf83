import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../model/backend';
import { TrainableEStepLayer } from '../model/trainable-estep';
import { TrainableMStepLayer } from '../model/trainable-mstep';
import { CHECKPOINT_ROOT_ENV } from '../model/training/cached-training';
import { type EStepExperiment, EStepTraining } from '../model/training/estep-experiment';
import { type MStepExperiment, MStepTraining } from '../model/training/mstep-experiment';
import { claim as b3 } from '../reports/claims/B3';
import { claim as c3 } from '../reports/claims/C3';
import type { Progress } from '../reports/claims/kit/claim-check';
import { trainedLayerCheck } from '../reports/claims/kit/trained-layer-check';
import type { TrainedLayerScale } from '../reports/claims/kit/trained-layer-claim';
import { Rng } from '../theory/rng';
import { testSeed } from './seed';

/**
 * CLAIMS.md §4, negative controls of B3 and C3: the claims' own declarations and check, run at a
 * tiny scale with one thing broken (the trained layer's output), must say `violated`.
 */

/** An E-step layer whose responsibilities are uniform, 1/k for every cluster (kept a function of the weights, so training runs). */
class UniformEStepLayer extends TrainableEStepLayer {
  override responsibilities(tokens: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => tf.add(tf.mul(super.responsibilities(tokens), 0), 1 / this.layout.k));
  }
}

/** An M-step layer that returns the mean of all points for every cluster. */
class GrandMeanMStepLayer extends TrainableMStepLayer {
  override centers(tokens: tf.Tensor3D): tf.Tensor3D {
    const { n, point, d, k } = this.layout;
    return tf.tidy(() => {
      const mean = tf.mean(tf.slice(tokens, [0, 0, point], [-1, n, d]), 1, true);
      return tf.add(tf.mul(super.centers(tokens), 0), tf.tile(mean, [1, k, 1])) as tf.Tensor3D;
    });
  }
}

const TINY: TrainedLayerScale = {
  cells: [{ k: 3, d: 2, n: 32, delta: 4, betaCap: 2 }],
  heads: [1],
  steps: 10,
  patience: 100,
  selectionInstances: 64,
  heldOutInstances: 400,
};
const silent: Progress = { tick: () => {} };

let checkpointRoot: string;
let previousRoot: string | undefined;

beforeAll(async () => {
  await initBackend();
  // The broken layers' checkpoints must never reach the shared cache.
  checkpointRoot = mkdtempSync(join(tmpdir(), 'tvem-negative-b3c3-'));
  previousRoot = process.env[CHECKPOINT_ROOT_ENV];
  process.env[CHECKPOINT_ROOT_ENV] = checkpointRoot;
});

afterAll(() => {
  if (previousRoot === undefined) delete process.env[CHECKPOINT_ROOT_ENV];
  else process.env[CHECKPOINT_ROOT_ENV] = previousRoot;
  rmSync(checkpointRoot, { recursive: true, force: true });
});

function context(name: string, scale: TrainedLayerScale) {
  const seed = testSeed(name);
  return { seed, rng: new Rng(seed), quick: true, scale, progress: silent };
}

describe('negative controls of the trained-layer claims', () => {
  test('B3 negative control: a trained layer replaced by uniform responsibilities', async () => {
    const check = trainedLayerCheck({
      ...b3,
      makeTrained: (config: EStepExperiment) =>
        new EStepTraining(config, (layout, heads, betaCap, rng) => new UniformEStepLayer(layout, heads, betaCap, rng)),
    });
    const result = await check.run(context('B3 negative control', TINY));
    expect(result.verdict).toBe('violated');
    // The construction is measured unbroken: far below the broken layer's 2(1 − 1/k).
    expect(result.numbers.k3d2_constructionTestError).toBeLessThan(0.1);
    expect(result.numbers.k3d2_M1_chosenTestError).toBeCloseTo(4 / 3, 4);
  });

  test('B3 control of the control: the unbroken claim at the same scale is not violated', async () => {
    const result = await trainedLayerCheck(b3).run(context('B3 negative control', { ...TINY, steps: 100 }));
    expect(result.verdict).not.toBe('violated');
  });

  test('C3 negative control: an M-step layer returning the mean of all points', async () => {
    const check = trainedLayerCheck({
      ...c3,
      makeTrained: (config: MStepExperiment) =>
        new MStepTraining(config, (layout, heads, betaCap, rng) => new GrandMeanMStepLayer(layout, heads, betaCap, rng)),
    });
    const result = await check.run(context('C3 negative control', { ...TINY, cells: [{ ...TINY.cells[0], betaCap: 3 }] }));
    expect(result.verdict).toBe('violated');
    expect(result.numbers.k3d2_constructionTestError).toBeLessThan(result.numbers.k3d2_epsConstruct as number);
  });
});
