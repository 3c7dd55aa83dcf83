import { z } from 'zod';
import { LAYOUTS } from '../../theory/layouts';
import { clusterSizes, type MixtureSpec, mixtureWeights, type Variant, validateSpec } from '../../theory/mixture';
import { loopConfigSchema } from '../training/loop-config';
import { ATTENTION_SCORE_BUDGET } from '../training/mixture-config';
import { parseConfig } from '../training/parse-config';

/** How the centroid tokens are filled (claim F3: "given the same initialization as input"). */
export const TRANSFORMER_INITS = ['perturbed-truth', 'kmeans++', 'none'] as const;
export type TransformerInit = (typeof TRANSFORMER_INITS)[number];

/** Where layer norm sits in each block: before each sublayer (pre), after its residual sum (post), or nowhere. */
export const NORMALIZATIONS = ['pre', 'post', 'none'] as const;
export type Normalization = (typeof NORMALIZATIONS)[number];

/** Architecture of the clustering transformer (see transformer.ts for the exact equations); the defaults are the size F3 trains. */
export const architectureSchema = z.strictObject({
  /** Token width w. */
  width: z.number().int().min(4).max(256).default(32),
  /** Attention heads per layer; each has width/heads query/key/value columns. */
  heads: z.number().int().min(1).max(16).default(2),
  /** Transformer blocks L (attention + MLP each). */
  layers: z.number().int().min(1).max(16).default(2),
  /** Hidden ReLU units of each block's MLP. */
  hidden: z.number().int().min(1).max(1024).default(64),
  normalization: z.enum(NORMALIZATIONS).default('pre'),
});
export type Architecture = z.output<typeof architectureSchema>;

/**
 * Claim G1: a mixture family of theory/mixture.ts as a config field. Its parameters are checked
 * against k and n by validateSpec and clusterSizes (the superRefine below), the single source.
 */
export const variantSchema: z.ZodType<Variant, Variant> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('isotropic') }),
  z.strictObject({ kind: z.literal('anisotropic'), lambdaMin: z.number().positive().finite(), lambdaMax: z.number().positive().finite() }),
  z.strictObject({ kind: z.literal('imbalanced'), alpha: z.number().positive().finite() }),
  z.strictObject({ kind: z.literal('heavy-tailed'), nu: z.number().finite() }),
]);

/**
 * One clustering-transformer experiment (claims F3, F4, G1): the pre-training distribution
 * (Gaussian mixtures of the family `variant`, isotropic by default, with Δ/σ uniform in
 * deltaRange, n points or n uniform in nRange), the initialization fed as centroid tokens, the
 * number m of clusters the transformer is told, the pre-training set size N (null = a fresh
 * stream, N = ∞), the architecture and the shared loop's settings.
 */
export const clusteringExperimentSchema = z
  .strictObject({
    k: z.number().int().min(2).max(4).default(3),
    d: z.number().int().min(1).max(16).default(3),
    n: z.number().int().min(2).max(1024).default(32),
    /**
     * Claim F3: each pre-training batch draws its n uniformly from the integers in [min, max] (all
     * of a batch's instances share it), and so does each validation instance; null: every
     * instance has n points. Needs a fresh stream (pretrainingInstances null).
     */
    nRange: z
      .tuple([z.number().int().min(2).max(1024), z.number().int().min(2).max(1024)])
      .nullable()
      .default(null),
    /** Δ/σ of each pre-training instance is uniform in [min, max]. */
    deltaRange: z.tuple([z.number().positive().finite(), z.number().positive().finite()]).default([3, 6]),
    sigma: z.number().positive().finite().default(1),
    layout: z.enum(LAYOUTS).default('simplex'),
    /** Claim G1: the family the pre-training instances are drawn from. */
    variant: variantSchema.default({ kind: 'isotropic' }),
    init: z.enum(TRANSFORMER_INITS).default('perturbed-truth'),
    /** Λ_0 of the perturbed-truth initialization (CLAIMS.md §2). */
    lambda0: z.number().min(0).max(10).default(0.3),
    /**
     * Claim G1 (wrong k): m, the number of clusters the transformer is told (its centroid tokens),
     * while the data has k; null: m = k. m ≠ k needs init 'none' (m slot one-hots) and trains on
     * the permutation-minimising loss over max(k, m) labels (loss.ts).
     */
    clustersTold: z.number().int().min(2).max(5).nullable().default(null),
    /** Distinct pre-training instances N; null streams fresh instances (N = ∞). */
    pretrainingInstances: z.number().int().min(1).max(1_048_576).nullable().default(null),
    architecture: architectureSchema.prefault({}),
    batchSize: z.number().int().min(1).max(4096).default(32),
    validationInstances: z.number().int().min(1).max(100_000).default(128),
    seed: z.number().int().min(0).max(0xffffffff).default(0),
    training: loopConfigSchema.prefault({}),
  })
  .superRefine((config, context) => {
    const { k, d, deltaRange, layout, architecture, batchSize, nRange, variant, clustersTold } = config;
    const n = Math.max(config.n, nRange?.[1] ?? 0);
    const fewest = nRange?.[0] ?? config.n;
    if (deltaRange[1] < deltaRange[0])
      context.addIssue({ code: 'custom', path: ['deltaRange'], message: `max (${deltaRange[1]}) must be >= min (${deltaRange[0]})` });
    if (config.n < k) context.addIssue({ code: 'custom', path: ['n'], message: `must be >= k = ${k} (every cluster needs a point)` });
    if (nRange !== null) {
      if (nRange[1] < nRange[0])
        context.addIssue({ code: 'custom', path: ['nRange'], message: `max (${nRange[1]}) must be >= min (${nRange[0]})` });
      if (nRange[0] < k) context.addIssue({ code: 'custom', path: ['nRange'], message: `min (${nRange[0]}) must be >= k = ${k}` });
      if (config.pretrainingInstances !== null)
        context.addIssue({ code: 'custom', path: ['nRange'], message: 'needs a fresh pre-training stream (pretrainingInstances null)' });
    }
    if (clustersTold !== null && clustersTold !== k && config.init !== 'none')
      context.addIssue({ code: 'custom', path: ['clustersTold'], message: `m = ${clustersTold} ≠ k = ${k} needs init 'none'` });
    // n and the layout have their own issues: the variant is checked at the fewest n with either layout
    const variantProblem = fewest >= k ? variantIssue({ k, d, n: fewest, delta: 1, sigma: 1, layout: 'random', variant }) : undefined;
    if (variantProblem) context.addIssue({ code: 'custom', path: ['variant'], message: variantProblem });
    if (layout === 'simplex' && d < k - 1)
      context.addIssue({ code: 'custom', path: ['d'], message: `must be >= k−1 = ${k - 1} for the simplex layout` });
    if (architecture.width % architecture.heads !== 0)
      context.addIssue({
        code: 'custom',
        path: ['architecture', 'heads'],
        message: `must divide architecture.width = ${architecture.width}`,
      });
    const tokens = n + toldClusters(config);
    const scores = batchSize * architecture.heads * tokens * tokens;
    if (scores > ATTENTION_SCORE_BUDGET)
      context.addIssue({
        code: 'custom',
        path: ['batchSize'],
        message: `batchSize·heads·(n+k)² = ${scores} (largest n) exceeds ${ATTENTION_SCORE_BUDGET}; lower batchSize, heads or n`,
      });
  });

/** Why a variant cannot be sampled at k and the fewest n (theory's own validation), or undefined. */
function variantIssue(spec: MixtureSpec): string | undefined {
  try {
    validateSpec(spec);
    clusterSizes(spec.n, mixtureWeights(spec));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Claim G1: m, the clusters the transformer is told (its centroid tokens without an initialization). */
export function toldClusters(config: Pick<ClusteringExperiment, 'k' | 'clustersTold'>): number {
  return config.clustersTold ?? config.k;
}

export type ClusteringExperiment = z.output<typeof clusteringExperimentSchema>;
export type ClusteringExperimentInput = z.input<typeof clusteringExperimentSchema>;

/** The resolved config (defaults filled in); a bad field is an InputError naming its path. */
export function parseClusteringExperiment(input: unknown): ClusteringExperiment {
  return parseConfig(clusteringExperimentSchema, input, 'clustering-transformer config');
}
