import { alternateMedians } from './alternate-medians';
import { type BenchRow, measuredRow, skippedRow } from './bench-row';
import { describeKernels, type KernelProfile } from './kernel-profile';
import { missingPeerMessage, PYTORCH, peerVersion } from './peers';
import {
  describeTfjsSide,
  profileTfjsStep,
  setUpTorchSide,
  startTfjsTrainingSide,
  startTorchTrainingSide,
  type TrainingStepShape,
} from './training-step-sides';

/** Issue #7's target: one tfjs training step over one PyTorch CPU step, both on one thread. */
export const TRAINING_STEP_TARGET = 3;

const TIME_ROW = 'transformer training step';
const MEMORY_ROW = 'transformer training peak RSS';
const TORCH_SEED = 1;

function describeShape(s: TrainingStepShape, parameters: number): string {
  return `F3 preset: B = ${s.batch} instances of n = ${s.n} points + m = ${s.m} centroid tokens (${s.featureWidth} features), width ${s.width}, ${s.heads} heads, ${s.layers} blocks, MLP ${s.hidden}, '${s.normalization}' LN, ${parameters} parameters on both sides`;
}

/**
 * The training-step rows: one step (batch, forward, backward, clip, Adam) of the clustering
 * transformer on tfjs (transformerTrainingStep) against the same architecture in PyTorch on one
 * CPU thread, each side in its own process timing itself; `repeats` alternating rounds of the
 * median of `steps` steps. The parameter counts must match, or this throws. tf.profile of one
 * step is always returned; its top kernels go in the notes when the target is missed. Without
 * PyTorch the rows are skipped with the install hint.
 */
export async function compareTrainingStepWithPyTorch(
  repeats: number,
  steps: number,
): Promise<{ rows: BenchRow[]; profile: KernelProfile }> {
  const tfjs = startTfjsTrainingSide();
  try {
    const ours = await describeTfjsSide(tfjs);
    if (peerVersion(PYTORCH) === undefined) {
      await tfjs.secondsPerStep(steps);
      const profile = await profileTfjsStep(tfjs);
      const why = `skipped: ${missingPeerMessage(PYTORCH)}; ${describeKernels(profile)}`;
      return { rows: [skippedRow(TIME_ROW, 'ms/step', why, TRAINING_STEP_TARGET), skippedRow(MEMORY_ROW, 'MiB', why)], profile };
    }
    const torch = startTorchTrainingSide();
    try {
      const peer = await setUpTorchSide(torch, ours.shape, TORCH_SEED);
      if (peer.parameters !== ours.parameters) {
        throw new Error(
          `the PyTorch reference has ${peer.parameters} parameters but the tfjs transformer has ${ours.parameters}: not the same architecture, no comparison`,
        );
      }
      const seconds = await alternateMedians(
        repeats,
        () => tfjs.secondsPerStep(steps),
        () => torch.secondsPerStep(steps),
      );
      const batchMs = 1000 * Number((await tfjs.request({ op: 'batch', steps })).seconds);
      const profile = await profileTfjsStep(tfjs);
      const oursPeak = await tfjs.peakRssMiB();
      const torchPeak = await torch.peakRssMiB();
      const ratio = seconds.ours / seconds.reference;
      const limits = ratio > TRAINING_STEP_TARGET ? `; what limits it: ${describeKernels(profile)}` : '';
      const common = `${describeShape(ours.shape, ours.parameters)}; tfjs ${ours.backend} vs ${peer.versions}; median of ${repeats} alternating rounds, each the median of ${steps} steps`;
      return {
        rows: [
          measuredRow(
            TIME_ROW,
            seconds.ours * 1000,
            seconds.reference * 1000,
            'ms/step',
            `transformerTrainingStep (attention forward and backward in one wasm SIMD kernel per block, layer norm in another, clipping and Adam in plain JavaScript; issue 7) vs peers/torch_training_step.py (heads fused into w×w matrices, torch.optim.Adam, clip_grad_norm_); ${common}; ours includes drawing the batch (${batchMs.toFixed(1)} ms: 32 mixture instances, their initialisations and token features), PyTorch draws random tokens of the same shape${limits}`,
            TRAINING_STEP_TARGET,
          ),
          measuredRow(
            MEMORY_ROW,
            oursPeak,
            torchPeak,
            'MiB',
            `peak RSS of each side's process after the timed steps (node maxRSS, Python getrusage); ${common}`,
          ),
        ],
        profile,
      };
    } finally {
      await torch.close();
    }
  } finally {
    await tfjs.close();
  }
}
