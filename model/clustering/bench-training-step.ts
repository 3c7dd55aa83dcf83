import { Adam } from '../training/adam';
import { optimizationStep } from '../training/optimization-step';
import { ClusteringTraining } from './clustering-training';
import { type ClusteringExperiment, type ClusteringExperimentInput, parseClusteringExperiment } from './config';

/** A transformer with its optimiser, for timing single training steps (tvem bench). */
export interface TrainingStepState {
  readonly problem: ClusteringTraining;
  readonly optimizer: Adam;
  step: number;
}

/** A fresh transformer and Adam state at `input` (default: the default config, the size F3 trains). */
export function createTrainingStepState(input: ClusteringExperimentInput = {}): TrainingStepState {
  const problem = new ClusteringTraining(parseClusteringExperiment(input));
  return { problem, optimizer: new Adam(problem.parameters.map((p) => p.variable)), step: 0 };
}

/**
 * One training step as the shared loop does it (train-loop.ts): draw the step's batch, forward,
 * backward, clip by global norm, Adam at the config's peak learning rate. Returns the loss; no
 * tensor outlives the call.
 */
export function transformerTrainingStep(state: TrainingStepState): number {
  const { problem, optimizer } = state;
  const { training } = problem.config;
  return optimizationStep(problem, optimizer, state.step++, training.learningRate, training.clipNorm).loss;
}

export function disposeTrainingStepState(state: TrainingStepState): void {
  state.problem.dispose();
}

/**
 * Pre-training instances per second of `config`, timed over `steps` steps after one warm-up step.
 * Batches are drawn fresh (N = ∞), which costs at least as much as drawing from a fixed set and
 * skips building one.
 */
export function measureTrainingThroughput(config: ClusteringExperiment, steps = 5): number {
  const state = createTrainingStepState({ ...config, pretrainingInstances: null });
  try {
    transformerTrainingStep(state);
    const started = Date.now();
    for (let s = 0; s < steps; s++) transformerTrainingStep(state);
    return (steps * config.batchSize) / Math.max(1e-3, (Date.now() - started) / 1000);
  } finally {
    disposeTrainingStepState(state);
  }
}
