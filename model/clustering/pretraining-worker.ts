import { initBackend } from '../backend';
import type { ClusteringExperiment } from './config';
import { type PretrainedCheckpoint, trainClusteringTransformer } from './pretrained-transformer';

/** Parent → worker: load a backend (once, first), train one config, or finish. */
export type ToWorker =
  | { readonly type: 'init'; readonly backend: string }
  | { readonly type: 'train'; readonly id: number; readonly config: ClusteringExperiment; readonly checkpointRoot: string };

/** Worker → parent: backend ready, steps done on a job, a job's checkpoint, or a job's failure. */
export type FromWorker =
  | { readonly type: 'ready'; readonly backend: string }
  | { readonly type: 'progress'; readonly id: number; readonly step: number }
  | { readonly type: 'done'; readonly id: number; readonly checkpoint: PretrainedCheckpoint }
  | { readonly type: 'failed'; readonly id: number | null; readonly message: string };

/** Progress messages are sent every this many steps (and at the last step). */
const PROGRESS_EVERY = 10;
/** How often (ms) a worker busy training checks that its parent is still alive. */
const PARENT_CHECK_MS = 2000;

function send(message: FromWorker): void {
  process.send!(message);
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * The worker side of pretrainClusteringTransformers: one job at a time, each trained with
 * trainClusteringTransformer exactly as in-process (same config, same seed, same checkpoint
 * cache), its weights freed after. Exits when the parent disconnects, or when the parent is found
 * gone between training steps (killed without a chance to stop its workers).
 */
export function serveTrainingJobs(): void {
  if (!process.send) throw new Error('pretraining-worker must be started with child_process.fork');
  const parent = process.ppid;
  let lastParentCheck = Date.now();
  const exitIfOrphaned = () => {
    const now = Date.now();
    if (now - lastParentCheck < PARENT_CHECK_MS) return;
    lastParentCheck = now;
    try {
      process.kill(parent, 0);
    } catch {
      process.exit(1);
    }
  };
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: ToWorker) => {
    void handle(message).catch((error: unknown) =>
      send({ type: 'failed', id: message.type === 'train' ? message.id : null, message: errorText(error) }),
    );
  });

  async function handle(message: ToWorker): Promise<void> {
    if (message.type === 'init') {
      send({ type: 'ready', backend: await initBackend(message.backend) });
      return;
    }
    const { id, config, checkpointRoot } = message;
    const trained = trainClusteringTransformer(config, {
      checkpointRoot,
      onProgress: (p) => {
        if (p.step % PROGRESS_EVERY === 0 || p.step === p.totalSteps) send({ type: 'progress', id, step: p.step });
        exitIfOrphaned();
      },
    });
    try {
      const { configHash, checkpointDirectory, outcome } = trained.cached;
      send({
        type: 'done',
        id,
        checkpoint: { configHash, checkpointDirectory, stepsRun: outcome.stepsRun, instancesPerSecond: trained.instancesPerSecond },
      });
    } finally {
      trained.training.dispose();
    }
  }
}
