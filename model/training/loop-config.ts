import { z } from 'zod';

/**
 * The optimiser and stopping rule of the shared training loop (train-loop.ts). Every field has a
 * default; unknown fields are rejected so that a typo is an error, not a silent default.
 */
export const loopConfigSchema = z.strictObject({
  /** Maximum optimiser steps. */
  steps: z.number().int().min(1).max(1_000_000).default(600),
  /** Peak Adam learning rate. */
  learningRate: z.number().positive().max(10).default(0.01),
  /** Linear warm-up from 0 to the peak over this many steps. */
  warmupSteps: z.number().int().min(0).default(20),
  /** Cosine decay after warm-up ends at this share of the peak. */
  finalLearningRateRatio: z.number().min(0).max(1).default(0.05),
  /** Gradients are rescaled so that their global L2 norm is at most this. */
  clipNorm: z.number().positive().default(1),
  /** Steps between evaluations on the held-out validation set. */
  evalEvery: z.number().int().min(1).default(25),
  /** Early stopping: evaluations without an improvement before the loop stops. */
  patience: z.number().int().min(1).default(8),
  /** An evaluation improves when it beats the best so far by more than this. */
  minImprovement: z.number().min(0).default(0),
});

export type LoopConfig = z.output<typeof loopConfigSchema>;
