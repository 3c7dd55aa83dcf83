import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { fail } from '../../theory/validate';
import { initBackend } from '../backend';
import { resolveCheckpointRoot } from '../training/cached-training';
import { checkpointHash, METADATA_FILE, WEIGHTS_FILE } from '../training/checkpoint';
import { type ClusteringExperiment, type ClusteringExperimentInput, parseClusteringExperiment } from './config';
import { CLUSTERING_CHECKPOINT_KIND, type PretrainedCheckpoint } from './pretrained-transformer';
import type { FromWorker, ToWorker } from './pretraining-worker';

/** The environment variable that sets the number of pre-training worker processes (1 = train in-process). */
export const WORKERS_ENV = 'TVEM_WORKERS';
/** The worker's entry: registers tsx, then runs pretraining-worker.ts. */
const WORKER_ENTRY = join(__dirname, 'pretraining-worker.cjs');
/** Characters of a worker's stderr/stdout kept for the error message when it dies. */
const OUTPUT_TAIL = 4000;

export interface PretrainingOptions {
  /** Worker processes; default TVEM_WORKERS, else os.availableParallelism(); at most one per config to train. */
  readonly workers?: number;
  /** Default: TVEM_CHECKPOINT_ROOT, else .cache/checkpoints (resolveCheckpointRoot). */
  readonly checkpointRoot?: string;
  /**
   * Training steps done so far over all the given configs (config.training.steps each; a cached
   * or duplicate config counts as done from the start, a finished one as all its steps).
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Checkpoints trained by the workers, by config hash: pass as trainClusteringTransformer's `pretrained`. */
export type PretrainedCheckpoints = ReadonlyMap<string, PretrainedCheckpoint>;

interface Job {
  readonly id: number;
  readonly config: ClusteringExperiment;
  readonly hash: string;
  readonly directory: string;
  step: number;
}

/** Worker count: `requested`, else TVEM_WORKERS, else the available parallelism; clamped to [1, jobs]. */
export function pretrainingWorkers(jobs: number, requested?: number): number {
  let wanted = requested;
  if (wanted === undefined) {
    const fromEnv = process.env[WORKERS_ENV];
    if (fromEnv !== undefined && fromEnv !== '') {
      wanted = Number(fromEnv);
      if (!Number.isInteger(wanted) || wanted < 1) fail(WORKERS_ENV, fromEnv, 'an integer >= 1');
    } else wanted = availableParallelism();
  } else if (!Number.isInteger(wanted) || wanted < 1) fail('workers', wanted, 'an integer >= 1');
  return Math.max(1, Math.min(wanted, jobs));
}

function describe(config: ClusteringExperiment, hash: string): string {
  return `clustering transformer k=${config.k}, init=${config.init}, N=${config.pretrainingInstances ?? '∞'}, seed ${config.seed}, ${config.training.steps} steps (config hash ${hash.slice(0, 12)})`;
}

/**
 * Pre-trains independent clustering-transformer configs into the checkpoint cache in parallel
 * worker processes, so that a claim's own loop (trainClusteringTransformer over the same
 * configs) then loads each from the cache. Each config carries its own seed and each worker
 * trains exactly as in-process, so the checkpoints are byte-identical to sequential training.
 *
 * Configs are deduplicated by checkpoint hash, and those already in the cache are skipped. With
 * one worker (TVEM_WORKERS=1, one core, or at most one config to train) nothing is done here and
 * the caller trains in-process as before. Otherwise up to `workers` processes are forked
 * (child_process.fork of pretraining-worker.cjs, loaded through tsx), each given one job at a time;
 * a failing worker is an error naming its config, and the other workers are stopped. Workers are
 * killed on SIGINT, SIGTERM and process exit, so none is left behind.
 */
export async function pretrainClusteringTransformers(
  inputs: readonly ClusteringExperimentInput[],
  options: PretrainingOptions = {},
): Promise<PretrainedCheckpoints> {
  await initBackend();
  const backend = tf.getBackend();
  const root = resolveCheckpointRoot(options.checkpointRoot);
  const configs = inputs.map((input) => parseClusteringExperiment(input));
  const totalSteps = configs.reduce((s, c) => s + c.training.steps, 0);
  const unique = new Map<string, ClusteringExperiment>();
  for (const config of configs) {
    const hash = checkpointHash({ kind: CLUSTERING_CHECKPOINT_KIND, config, backend });
    if (!unique.has(hash)) unique.set(hash, config);
  }
  const jobs: Job[] = [];
  for (const [hash, config] of unique) {
    const directory = join(root, hash.slice(0, 24));
    // A present but invalid checkpoint is left to the caller's loop, which rejects and retrains it.
    if (existsSync(join(directory, METADATA_FILE)) && existsSync(join(directory, WEIGHTS_FILE))) continue;
    jobs.push({ id: jobs.length, config, hash, directory, step: 0 });
  }
  const workers = pretrainingWorkers(jobs.length, options.workers);
  const trained = new Map<string, PretrainedCheckpoint>();
  if (workers <= 1) return trained;

  const pendingSteps = jobs.reduce((s, j) => s + j.config.training.steps, 0);
  const report = () => options.onProgress?.(totalSteps - pendingSteps + jobs.reduce((s, j) => s + j.step, 0), totalSteps);
  report();
  await runWorkers(
    jobs,
    workers,
    backend,
    root,
    (job, checkpoint) => {
      if (checkpoint.configHash !== job.hash || checkpoint.checkpointDirectory !== job.directory) {
        throw new Error(
          `pre-training worker wrote ${checkpoint.checkpointDirectory} (hash ${checkpoint.configHash.slice(0, 12)}) for ${describe(job.config, job.hash)}, expected ${job.directory}`,
        );
      }
      trained.set(job.hash, checkpoint);
    },
    report,
  );
  return trained;
}

function runWorkers(
  jobs: Job[],
  count: number,
  backend: string,
  root: string,
  onDone: (job: Job, checkpoint: PretrainedCheckpoint) => void,
  report: () => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const queue = [...jobs];
    const children = new Set<ChildProcess>();
    let failure: Error | undefined;
    let remaining = jobs.length;

    const killAll = () => {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    };
    const onSignal = (signal: NodeJS.Signals) => {
      killAll();
      // With no other handler, restore the default action (terminate) for this signal.
      if (process.listenerCount(signal) === 1) {
        detach();
        process.kill(process.pid, signal);
      }
    };
    const onExit = () => killAll();
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('exit', onExit);
    function detach() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('exit', onExit);
    }
    const settle = () => {
      if (children.size > 0) return;
      detach();
      if (failure) reject(failure);
      else if (remaining > 0) reject(new Error(`pre-training workers exited with ${remaining} of ${jobs.length} configs untrained`));
      else resolve();
    };
    const abort = (error: Error) => {
      if (!failure) failure = error;
      queue.length = 0;
      killAll();
    };

    for (let w = 0; w < count; w++) {
      const child = fork(WORKER_ENTRY, [], {
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        execArgv: [],
        env: process.env,
        serialization: 'json',
      });
      children.add(child);
      let output = '';
      const keep = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-OUTPUT_TAIL);
      };
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      let current: Job | undefined;
      const next = () => {
        current = failure ? undefined : queue.shift();
        if (current) child.send({ type: 'train', id: current.id, config: current.config, checkpointRoot: root } satisfies ToWorker);
        else if (child.connected) child.disconnect();
      };
      child.on('message', (message: FromWorker) => {
        try {
          if (message.type === 'ready') {
            if (message.backend !== backend)
              throw new Error(`pre-training worker loaded the tfjs backend '${message.backend}', expected '${backend}'`);
            next();
          } else if (message.type === 'progress') {
            if (current && message.id === current.id) {
              current.step = message.step;
              report();
            }
          } else if (message.type === 'done') {
            if (!current || message.id !== current.id)
              throw new Error(`pre-training worker reported job ${message.id}, expected ${current?.id}`);
            current.step = current.config.training.steps;
            onDone(current, message.checkpoint);
            remaining--;
            report();
            next();
          } else {
            const what = current ? describe(current.config, current.hash) : 'its start-up';
            throw new Error(`pre-training worker ${child.pid} failed on ${what}: ${message.message.split('\n')[0]}`);
          }
        } catch (error) {
          abort(error instanceof Error ? error : new Error(String(error)));
        }
      });
      child.on('error', (error) => abort(new Error(`pre-training worker ${child.pid ?? '(not started)'}: ${error.message}`)));
      child.on('exit', (code, signal) => {
        children.delete(child);
        if (!failure && (current || code !== 0)) {
          const what = current ? `while training ${describe(current.config, current.hash)}` : 'before taking a job';
          abort(
            new Error(
              `pre-training worker ${child.pid} exited (${signal ?? `code ${code}`}) ${what}${output.trim() ? `; its last output: ${output.trim().slice(-600)}` : ''}`,
            ),
          );
        }
        settle();
      });
      child.send({ type: 'init', backend } satisfies ToWorker);
    }
  });
}
