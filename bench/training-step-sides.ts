import { join } from 'node:path';
import type { KernelProfile } from './kernel-profile';
import { LineWorker } from './line-worker';
import { PEER_SCRIPTS, PYTORCH } from './peers';

/** The batch and architecture that both sides train, as the tfjs side reports them. */
export interface TrainingStepShape {
  readonly batch: number;
  readonly n: number;
  readonly m: number;
  readonly featureWidth: number;
  readonly width: number;
  readonly heads: number;
  readonly layers: number;
  readonly hidden: number;
  readonly normalization: string;
  readonly learningRate: number;
  readonly clipNorm: number;
}

function number(reply: Record<string, unknown>, field: string, label: string): number {
  const value = Number(reply[field]);
  if (!Number.isFinite(value)) throw new Error(`${label} answered ${JSON.stringify(reply)}, with no numeric ${field}`);
  return value;
}

/** One side of the training-step row: a persistent process that times its own steps. */
export class TrainingStepSide {
  constructor(
    readonly label: string,
    private readonly worker: LineWorker,
  ) {}

  /** Median seconds of one training step over `steps` steps (after a warm-up step), timed in the side's process. */
  async secondsPerStep(steps: number): Promise<number> {
    return number(await this.worker.request({ op: 'steps', steps }), 'seconds', this.label);
  }

  async peakRssMiB(): Promise<number> {
    return number(await this.worker.request({ op: 'memory' }), 'maxRssKiB', this.label) / 1024;
  }

  request(message: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.worker.request(message);
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}

/** The tfjs side: reports/bench/training-step-worker.ts in a child node process (through tsx). */
export function startTfjsTrainingSide(): TrainingStepSide {
  return new TrainingStepSide(
    'tfjs',
    new LineWorker('tfjs', process.execPath, ['--require', require.resolve('tsx/cjs'), join(__dirname, 'training-step-worker.ts')]),
  );
}

/** The PyTorch side: peers/torch_training_step.py, limited to one thread. */
export function startTorchTrainingSide(): TrainingStepSide {
  return new TrainingStepSide('PyTorch', new LineWorker('PyTorch', PYTORCH.command, [join(PEER_SCRIPTS, 'torch_training_step.py')]));
}

/** What the tfjs side says at start-up. */
export async function describeTfjsSide(side: TrainingStepSide): Promise<{ backend: string; parameters: number; shape: TrainingStepShape }> {
  const hello = await side.request({ op: 'hello' });
  return { backend: String(hello.backend), parameters: number(hello, 'parameters', side.label), shape: hello.shape as TrainingStepShape };
}

/** Builds the PyTorch model at `shape`; returns its parameter count, versions and threads. */
export async function setUpTorchSide(
  side: TrainingStepSide,
  shape: TrainingStepShape,
  seed: number,
): Promise<{ parameters: number; versions: string }> {
  if (shape.normalization !== 'pre')
    throw new Error(`the PyTorch reference implements 'pre' layer norm only, not '${shape.normalization}'`);
  const reply = await side.request({ op: 'setup', ...shape, seed });
  return {
    parameters: number(reply, 'parameters', side.label),
    versions: `torch ${String(reply.torch)}, Python ${String(reply.python)}, threads ${JSON.stringify(reply.threads)}`,
  };
}

export async function profileTfjsStep(side: TrainingStepSide): Promise<KernelProfile> {
  return (await side.request({ op: 'profile' })) as unknown as KernelProfile;
}
