import { kmeansPlusPlus, perturbedTruth } from '../../theory/init';
import type { Matrix } from '../../theory/matrix';
import { type Instance, type MixtureSpec, sampleInstance } from '../../theory/mixture';
import type { Rng } from '../../theory/rng';
import { alignedLabels, alignInitialization } from './alignment';
import type { ClusteringExperiment, TransformerInit } from './config';
import type { TransformerInput } from './token-features';

/** One pre-training or evaluation instance with the initialization the transformer is given and its target labels. */
export interface ClusteringTask {
  readonly instance: Instance;
  /** The initial centers fed as centroid tokens; absent for init 'none'. */
  readonly init?: Matrix;
  /** Per point, the target label: the aligned centroid token (alignment.ts), or z_i without init. */
  readonly targets: Int32Array;
}

/** The initial centers of `init` for an instance (CLAIMS.md §2), or undefined for 'none'. */
export function transformerInitCenters(init: TransformerInit, instance: Instance, lambda0: number, rng: Rng): Matrix | undefined {
  if (init === 'perturbed-truth') return perturbedTruth(instance.centers, lambda0, rng);
  if (init === 'kmeans++') return kmeansPlusPlus(instance.points, instance.spec.k, rng);
  return undefined;
}

/** The task of an instance under an initialization: targets aligned to the init's centroid order. */
export function taskOf(instance: Instance, init: Matrix | undefined): ClusteringTask {
  if (!init) return { instance, targets: instance.labels };
  return { instance, init, targets: alignedLabels(instance.labels, alignInitialization(init, instance.centers)) };
}

/** The transformer input of a task. */
export function inputOf(task: ClusteringTask): TransformerInput {
  return task.init ? { points: task.instance.points, centers: task.init } : { points: task.instance.points };
}

/** The pre-training distribution's spec at separation Δ: the config's family (claim G1; isotropic by default). */
export function specAt(config: ClusteringExperiment, delta: number, n = config.n): MixtureSpec {
  const { k, d, sigma, layout, variant } = config;
  return { k, d, n, delta, sigma, layout, variant };
}

/** The n of a pre-training batch (or validation instance): uniform in config.nRange, drawn from `rng`, else config.n. */
export function samplePretrainingN(config: ClusteringExperiment, rng: Rng): number {
  if (config.nRange === null) return config.n;
  const [low, high] = config.nRange;
  return low + rng.int(high - low + 1);
}

/** One pre-training task of n points: Δ/σ uniform in config.deltaRange, then the instance, then its init, all from `rng`. */
export function samplePretrainingTask(config: ClusteringExperiment, rng: Rng, n = config.n): ClusteringTask {
  const [low, high] = config.deltaRange;
  const delta = (low + (high - low) * rng.uniform()) * config.sigma;
  const instance = sampleInstance(specAt(config, delta, n), rng);
  return taskOf(instance, transformerInitCenters(config.init, instance, config.lambda0, rng));
}
