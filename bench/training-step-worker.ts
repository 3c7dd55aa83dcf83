/**
 * Persistent tfjs side of the `tvem bench` training-step row: the clustering transformer at the
 * size F3 trains (presets.ts), in its own node process so that it times itself and its peak RSS
 * is its own. Line protocol (one JSON reply per JSON request, like peers/torch_training_step.py):
 *   {"op": "hello"}           -> backend, parameter count and the shapes the peer must copy
 *   {"op": "steps", "steps"}  -> {"seconds": median of one transformerTrainingStep, after a warm-up}
 *   {"op": "batch", "steps"}  -> {"seconds": median of drawing and embedding one batch alone}
 *   {"op": "profile"}         -> tf.profile of one step (kernel-profile.ts)
 *   {"op": "memory"}          -> {"maxRssKiB": peak RSS of this process}
 */
import { createInterface } from 'node:readline';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../model/backend';
import { createTrainingStepState, type TrainingStepState, transformerTrainingStep } from '../model/clustering/bench-training-step';
import { clusteringPreset } from '../model/clustering/presets';
import { profileKernels } from './kernel-profile';
import { medianStepSeconds } from './median-step-seconds';

/** The run seed of the bench's preset; any fixed value gives the same shapes. */
const BENCH_RUN_SEED = 20250209;

const config = clusteringPreset({ runSeed: BENCH_RUN_SEED, quick: false, k: 3 });
let created: TrainingStepState | undefined;

/** The transformer and its Adam state, built on the chosen backend at the first request. */
async function trainingState(): Promise<TrainingStepState> {
  if (!created) {
    await initBackend();
    created = createTrainingStepState(config);
  }
  return created;
}

async function answer(message: { op?: unknown; steps?: unknown }): Promise<unknown> {
  const state = await trainingState();
  switch (message.op) {
    case 'hello': {
      const { problem } = state;
      return {
        backend: tf.getBackend(),
        node: process.version,
        parameters: problem.parameters.reduce((sum, p) => sum + p.variable.size, 0),
        shape: {
          batch: config.batchSize,
          n: config.n,
          m: config.k,
          featureWidth: problem.model.features.width,
          ...config.architecture,
          learningRate: config.training.learningRate,
          clipNorm: config.training.clipNorm,
        },
      };
    }
    case 'steps':
      return { seconds: medianStepSeconds(Number(message.steps), () => transformerTrainingStep(state)) };
    case 'batch':
      return { seconds: medianStepSeconds(Number(message.steps), () => tf.dispose(state.problem.trainingBatch(state.step++))) };
    case 'profile':
      return profileKernels(() => transformerTrainingStep(state));
    case 'memory':
      return { maxRssKiB: process.resourceUsage().maxRSS };
    default:
      return { error: `unknown op ${JSON.stringify(message.op)}; expected hello, steps, batch, profile or memory` };
  }
}

let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  queue = queue.then(async () => {
    let reply: unknown;
    try {
      reply = await answer(JSON.parse(line) as { op?: unknown });
    } catch (error) {
      reply = { error: error instanceof Error ? error.message : String(error) };
    }
    process.stdout.write(`${JSON.stringify(reply)}\n`);
  });
});
