import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { type CheckpointKey, checkpointHash, loadCheckpoint, saveCheckpoint } from './checkpoint';
import type { LoopConfig } from './loop-config';
import { PROJECT_ROOT, trainingPackageVersions } from './package-versions';
import { type ProgressCallback, type TrainingOutcome, trainLoop } from './train-loop';
import type { TrainingProblem } from './training-problem';

/** Default checkpoint cache (.cache is gitignored). */
export const DEFAULT_CHECKPOINT_ROOT = join(PROJECT_ROOT, '.cache', 'checkpoints');

/** The environment variable that moves the checkpoint cache, e.g. to an empty folder for a from-scratch run. */
export const CHECKPOINT_ROOT_ENV = 'TVEM_CHECKPOINT_ROOT';

/**
 * The checkpoint cache folder: `explicit` when given, else TVEM_CHECKPOINT_ROOT when set and
 * non-empty (resolved against the working directory), else DEFAULT_CHECKPOINT_ROOT. The only
 * place the variable is read.
 */
export function resolveCheckpointRoot(explicit?: string): string {
  if (explicit !== undefined) return explicit;
  const fromEnv = process.env[CHECKPOINT_ROOT_ENV];
  return fromEnv !== undefined && fromEnv !== '' ? resolve(fromEnv) : DEFAULT_CHECKPOINT_ROOT;
}

export interface CachedTrainingRequest<Batch extends tf.TensorContainer> {
  /** Experiment kind, e.g. 'estep'; part of the checkpoint key. */
  readonly kind: string;
  /** The resolved experiment config (seed and loop config included); part of the key. */
  readonly config: unknown;
  readonly seed: number;
  readonly problem: TrainingProblem<Batch>;
  readonly loop: LoopConfig;
  /** Folder holding one sub-folder per checkpoint hash; default resolveCheckpointRoot() (TVEM_CHECKPOINT_ROOT, else DEFAULT_CHECKPOINT_ROOT). */
  readonly checkpointRoot?: string;
  /** Ignore any cached checkpoint and train afresh (the new one replaces it). */
  readonly retrain?: boolean;
  readonly onProgress?: ProgressCallback;
}

export interface CachedTrainingResult {
  /** 'cache' when a valid checkpoint was loaded, 'trained' otherwise. */
  readonly source: 'cache' | 'trained';
  /** Why a cached checkpoint present on disk was not used (corrupted, mismatched); absent when none was found or it was used. */
  readonly rejectedCheckpoint?: string;
  readonly checkpointDirectory: string;
  readonly configHash: string;
  readonly backend: string;
  readonly outcome: TrainingOutcome;
}

/**
 * Trains `problem` with the shared loop unless a valid checkpoint for the same key (kind, resolved
 * config, backend) is cached under <root>/<hash>/; a corrupted or mismatched checkpoint is
 * rejected with its reason and retrained, never used. The new checkpoint records the resolved
 * config, seed, package versions and backend.
 */
export function trainWithCheckpoint<Batch extends tf.TensorContainer>(request: CachedTrainingRequest<Batch>): CachedTrainingResult {
  const backend = tf.getBackend();
  const key: CheckpointKey = { kind: request.kind, config: request.config, backend };
  const hash = checkpointHash(key);
  const directory = join(resolveCheckpointRoot(request.checkpointRoot), hash.slice(0, 24));
  let rejectedCheckpoint: string | undefined;
  if (!request.retrain) {
    const read = loadCheckpoint(directory, hash, request.problem.parameters);
    if (read.ok) {
      return {
        source: 'cache',
        checkpointDirectory: directory,
        configHash: hash,
        backend,
        outcome: read.metadata.training as unknown as TrainingOutcome,
      };
    }
    if (read.reason !== 'no checkpoint') rejectedCheckpoint = read.reason;
  }
  const outcome = trainLoop(request.problem, request.loop, request.onProgress);
  saveCheckpoint(directory, key, request.problem.parameters, {
    seed: request.seed,
    packages: trainingPackageVersions(),
    training: outcome,
  });
  return {
    source: 'trained',
    checkpointDirectory: directory,
    configHash: hash,
    backend,
    outcome,
    ...(rejectedCheckpoint ? { rejectedCheckpoint } : {}),
  };
}
