import { z } from 'zod';
import { LAYOUTS } from '../../theory/layouts';
import type { MixtureSpec } from '../../theory/mixture';

/** Live attention scores per forward pass above which tfjs on wasm/cpu runs out of memory or time. */
export const ATTENTION_SCORE_BUDGET = 3e7;

/** The instance distribution of the E- and M-step experiments (isotropic Gaussian mixtures, CLAIMS.md §1). */
export const mixtureFields = {
  k: z.number().int().min(2).max(16).default(3),
  d: z.number().int().min(1).max(32).default(2),
  n: z.number().int().min(2).max(1024).default(32),
  delta: z.number().positive().finite().default(4),
  sigma: z.number().positive().finite().default(1),
  layout: z.enum(LAYOUTS).default('random'),
};

interface MixtureFields {
  k: number;
  d: number;
  n: number;
  delta: number;
  sigma: number;
  layout: MixtureSpec['layout'];
}

export function mixtureSpecOf(config: MixtureFields): MixtureSpec {
  const { k, d, n, delta, sigma, layout } = config;
  return { k, d, n, delta, sigma, layout, variant: { kind: 'isotropic' } };
}

/** Cross-field rules of an attention experiment, reported on the field at fault. */
export function checkAttentionExperiment(config: MixtureFields & { heads: number; batchSize: number }, context: z.RefinementCtx): void {
  const { k, d, n, layout, heads, batchSize } = config;
  if (n < k) context.addIssue({ code: 'custom', path: ['n'], message: `must be >= k = ${k} (every cluster needs a point)` });
  if (layout === 'simplex' && d < k - 1)
    context.addIssue({ code: 'custom', path: ['d'], message: `must be >= k−1 = ${k - 1} for the simplex layout` });
  const tokens = n + k + 1;
  const scores = batchSize * heads * tokens * tokens;
  if (scores > ATTENTION_SCORE_BUDGET) {
    context.addIssue({
      code: 'custom',
      path: ['batchSize'],
      message: `batchSize·heads·(n+k+1)² = ${scores} exceeds ${ATTENTION_SCORE_BUDGET}; lower batchSize, heads or n`,
    });
  }
}

/** Instances per forward pass for held-out evaluation, within ATTENTION_SCORE_BUDGET. */
export function evaluationChunk(config: MixtureFields & { heads: number }): number {
  const tokens = config.n + config.k + 1;
  return Math.max(1, Math.floor(ATTENTION_SCORE_BUDGET / 4 / (config.heads * tokens * tokens)));
}
