import type { Rng } from '../../theory/rng';
import { type ClusteringTask, samplePretrainingN, samplePretrainingTask } from './clustering-task';
import type { ClusteringExperiment } from './config';

/** The streams of the pre-training data: the fixed pool of N tasks, and each step's batch. */
const PRETRAINING_DATA_STREAMS = { pool: 0, steps: 1 } as const;

/**
 * The pre-training data of claim F4. With N = config.pretrainingInstances, a fixed set of N
 * tasks (task j drawn from rng.split(0).split(j)) and each step's batch drawn from it uniformly
 * with replacement by rng.split(1).split(step); with N = null (∞), every step draws fresh tasks
 * from rng.split(1).split(step), with the batch's n drawn first from that stream when config.nRange
 * is set (claim F3). Either way a step's batch depends only on (seed, step).
 */
export class PretrainingData {
  private readonly pool: readonly ClusteringTask[] | undefined;

  constructor(
    private readonly config: ClusteringExperiment,
    private readonly rng: Rng,
  ) {
    const size = config.pretrainingInstances;
    if (size !== null) {
      const poolRng = rng.split(PRETRAINING_DATA_STREAMS.pool);
      this.pool = Array.from({ length: size }, (_, j) => samplePretrainingTask(config, poolRng.split(j)));
    }
  }

  batch(step: number): ClusteringTask[] {
    const stepRng = this.rng.split(PRETRAINING_DATA_STREAMS.steps).split(step);
    const { batchSize } = this.config;
    const pool = this.pool;
    if (pool) return Array.from({ length: batchSize }, () => pool[stepRng.int(pool.length)]!);
    const n = samplePretrainingN(this.config, stepRng);
    return Array.from({ length: batchSize }, (_, j) => samplePretrainingTask(this.config, stepRng.split(j), n));
  }
}
