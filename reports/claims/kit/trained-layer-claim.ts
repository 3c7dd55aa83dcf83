import type * as tf from '@tensorflow/tfjs';
import type { ClaimId } from '../../../bounds/registry';
import type { EStepExperiment } from '../../../model/training/estep-experiment';
import type { MStepExperiment } from '../../../model/training/mstep-experiment';
import type { TrainingProblem } from '../../../model/training/training-problem';
import type { Instance } from '../../../theory/mixture';
import type { ClaimScales } from './claim-check';

/** One cell of a trained-layer grid: the mixture size, separation Δ/σ and temperature cap β_cap. */
export interface LayerCell {
  readonly k: number;
  readonly d: number;
  readonly n: number;
  readonly delta: number;
  readonly betaCap: number;
}

/** A trained-layer claim's sizes at one scale (B3, C3): its grid, head counts, training length and samples. */
export interface TrainedLayerScale {
  readonly cells: readonly [LayerCell, ...LayerCell[]];
  /** Head counts M trained in every cell. */
  readonly heads: readonly [number, ...number[]];
  /** Training steps per layer. */
  readonly steps: number;
  /** Early-stopping patience, in evaluations. */
  readonly patience: number;
  /** Fresh validation instances per cell on which the best of the seeds is chosen (disjoint from the test set). */
  readonly selectionInstances: number;
  /** Fresh test instances per cell on which the chosen layers and ε_construct are compared. */
  readonly heldOutInstances: number;
}

/** What a trained-layer check needs from a training problem (EStepTraining, MStepTraining). */
export interface TrainedLayerProblem<Batch extends tf.TensorContainer> extends TrainingProblem<Batch> {
  readonly layer: {
    /** The cap on every head's ‖W_Q W_Kᵀ‖₂ (the construction's). */
    readonly cap: number;
    setToConstruction(): void;
    /** Every head's effective ‖W_Q W_Kᵀ‖₂. */
    effectiveNorms(): number[];
  };
  /** Per instance, the claim's error of the layer, in [0, errorWidth]. */
  heldOutErrors(instances: readonly Instance[]): Float64Array;
  dispose(): void;
}

/** The wording that differs between the trained-layer claims. */
export interface TrainedLayerText {
  /** The claim whose construction bound is ε_construct, e.g. 'B2'. */
  readonly boundClaim: string;
  /** The error in the plot title, e.g. 'E-step error'. */
  readonly plotError: string;
  /** The error in the summary, e.g. 'E-step error'. */
  readonly summaryError: string;
  readonly yLabel: string;
  /** Note defining the error the layer is measured by. */
  readonly errorNote: string;
  /** Note defining ε_construct. */
  readonly boundNote: string;
  /** What the layer is given besides the points, e.g. 'input centers are the true centers'. */
  readonly inputs: string;
  /** The training loss, e.g. 'the error itself'. */
  readonly loss: string;
}

/**
 * A trained-layer claim (B3, C3): attention layers with M heads, each trained from `seeds`
 * independent seeds by gradient descent on random instances; the seed with the least error on a
 * validation set is chosen (ERM approximated by the best of the seeds) and tested against
 * ε_construct, the bound of the hand-set construction at the same temperature cap, on a disjoint
 * test set (paired per instance).
 */
export interface TrainedLayerClaim<Config extends EStepExperiment | MStepExperiment, Batch extends tf.TensorContainer> {
  readonly id: ClaimId;
  /** The checkpoint kind of the trained layer (part of the checkpoint key). */
  readonly kind: 'estep' | 'mstep';
  readonly parseExperiment: (input: unknown) => Config;
  /** The training problem of both the construction and the trained layers. */
  readonly Training: new (
    config: Config,
  ) => TrainedLayerProblem<Batch>;
  /**
   * The training problem of the trained layers only; default `new Training(config)`. Negative
   * controls inject a broken layer here, leaving the construction and the check untouched.
   */
  readonly makeTrained?: (config: Config) => TrainedLayerProblem<Batch>;
  /** Independently seeded trainings per (cell, M); the best on validation is tested. */
  readonly seeds: number;
  readonly scales: ClaimScales<TrainedLayerScale>;
  /** The per-instance error lies in [0, errorWidth]. */
  readonly errorWidth: number;
  /** ε_construct of one instance at the cell's temperature cap. */
  readonly constructionBound: (instance: Instance, betaCap: number) => number;
  readonly text: TrainedLayerText;
}
