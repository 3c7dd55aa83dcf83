import type * as tf from '@tensorflow/tfjs';
import type { ClaimId } from '../../../bounds/registry';
import type { EStepExperiment } from '../../../model/training/estep-experiment';
import type { MStepExperiment } from '../../../model/training/mstep-experiment';
import type { TrainingProblem } from '../../../model/training/training-problem';
import type { Instance } from '../../../theory/mixture';

/** One cell of a trained-layer grid: the mixture size, separation Δ/σ and temperature cap β_cap. */
export interface LayerCell {
  readonly k: number;
  readonly d: number;
  readonly n: number;
  readonly delta: number;
  readonly betaCap: number;
}

/** What a trained-layer check needs from a training problem (EStepTraining, MStepTraining). */
export interface TrainedLayerProblem<Batch extends tf.TensorContainer> extends TrainingProblem<Batch> {
  readonly layer: { setToConstruction(): void };
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
 * A trained-layer claim (B3, C3): attention layers with M heads, trained by gradient descent on
 * random instances, against ε_construct, the bound of the hand-set construction at the same
 * temperature cap, on fresh held-out instances (paired per instance).
 */
export interface TrainedLayerClaim<Config extends EStepExperiment | MStepExperiment, Batch extends tf.TensorContainer> {
  readonly id: ClaimId;
  /** The checkpoint kind of the trained layer (part of the checkpoint key). */
  readonly kind: 'estep' | 'mstep';
  readonly parseExperiment: (input: unknown) => Config;
  readonly Training: new (config: Config) => TrainedLayerProblem<Batch>;
  /** The grid at default scale; a quick run uses the first cell only. */
  readonly cells: readonly [LayerCell, ...LayerCell[]];
  /** Training steps per layer at quick and at default scale. */
  readonly steps: { readonly quick: number; readonly full: number };
  /** The per-instance error lies in [0, errorWidth]. */
  readonly errorWidth: number;
  /** ε_construct of one instance at the cell's temperature cap. */
  readonly constructionBound: (instance: Instance, betaCap: number) => number;
  readonly text: TrainedLayerText;
}
