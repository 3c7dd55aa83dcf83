import { z } from 'zod';
import { loopConfigSchema } from './loop-config';
import { checkAttentionExperiment, mixtureFields } from './mixture-config';

/**
 * The config of a trained-layer experiment (claims B3 and C3): the instance distribution, the
 * layer's heads M and temperature cap β_cap (each head's ‖W_Q W_Kᵀ‖₂ is capped at the hand-set
 * head's, which is β_cap), batch and validation sizes, seed and training loop.
 */
export function layerExperimentSchema(defaultBetaCap: number) {
  return z
    .strictObject({
      ...mixtureFields,
      /** Attention heads M. */
      heads: z.number().int().min(1).max(64).default(4),
      betaCap: z.number().positive().finite().default(defaultBetaCap),
      /** Instances per training batch. */
      batchSize: z.number().int().min(1).max(4096).default(32),
      /** Held-out instances for early stopping. */
      validationInstances: z.number().int().min(1).max(100_000).default(64),
      seed: z.number().int().min(0).max(0xffffffff).default(0),
      training: loopConfigSchema.prefault({}),
    })
    .superRefine(checkAttentionExperiment);
}
