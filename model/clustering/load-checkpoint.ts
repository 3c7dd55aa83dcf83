import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Rng } from '../../theory/rng';
import { InputError } from '../../theory/validate';
import { type CheckpointKey, checkpointHash, loadCheckpoint, METADATA_FILE, WEIGHTS_FILE } from '../training/checkpoint';
import { TRAINING_STREAMS } from '../training/training-streams';
import { createClusteringTransformer } from './clustering-training';
import { type ClusteringExperiment, parseClusteringExperiment } from './config';
import { CLUSTERING_CHECKPOINT_KIND } from './pretrained-transformer';
import type { ClusteringTransformer } from './transformer';

export interface LoadedClusteringTransformer {
  readonly model: ClusteringTransformer;
  readonly config: ClusteringExperiment;
  readonly directory: string;
}

/**
 * Loads a clustering-transformer checkpoint written by trainClusteringTransformer. `path` is the
 * checkpoint folder or its checkpoint.json or weights.bin. Every failure is a one-line
 * InputError naming `parameter`: missing files, another kind of checkpoint (e.g. an E-step
 * layer's), an unreadable config, a checksum or shape mismatch (corruption). Weights trained on
 * one backend load on any other (they are float32 values).
 */
export function loadClusteringTransformer(path: string, parameter = '--checkpoint'): LoadedClusteringTransformer {
  if (!existsSync(path)) throw new InputError(`${parameter}: ${path} does not exist`);
  const directory = statSync(path).isDirectory() ? path : [METADATA_FILE, WEIGHTS_FILE].includes(basename(path)) ? dirname(path) : path;
  const metadataPath = join(directory, METADATA_FILE);
  if (!existsSync(metadataPath)) throw new InputError(`${parameter}: ${path} is not a checkpoint (no ${METADATA_FILE} in ${directory})`);
  let key: CheckpointKey;
  try {
    key = (JSON.parse(readFileSync(metadataPath, 'utf8')) as { key: CheckpointKey }).key;
  } catch (error) {
    throw new InputError(`${parameter}: ${metadataPath} is corrupted (${error instanceof Error ? error.message : String(error)})`);
  }
  if (key?.kind !== CLUSTERING_CHECKPOINT_KIND)
    throw new InputError(`${parameter}: ${directory} holds a '${String(key?.kind)}' checkpoint, not a '${CLUSTERING_CHECKPOINT_KIND}' one`);
  let config: ClusteringExperiment;
  try {
    config = parseClusteringExperiment(key.config);
  } catch (error) {
    throw new InputError(`${parameter}: ${directory} has an unreadable config (${error instanceof Error ? error.message : String(error)})`);
  }
  const model = createClusteringTransformer(config, new Rng(config.seed).split(TRAINING_STREAMS.weights));
  const read = loadCheckpoint(directory, checkpointHash(key), model.parameters);
  if (!read.ok) {
    model.dispose();
    throw new InputError(`${parameter}: ${directory} is corrupted or mismatched (${read.reason})`);
  }
  return { model, config, directory };
}
