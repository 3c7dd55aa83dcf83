import { z } from 'zod';
import { CLAIM_IDS, RELATIONS, STEP_KINDS } from '../../bounds/registry';
import {
  type ClaimResult,
  type Headline,
  type Plot,
  type ProofEvaluation,
  type ProofStepSummary,
  type ProofSummary,
  type ProofSymbolic,
  type Series,
  type SeriesPoint,
  VERDICTS,
} from '../claims/kit/claim-check';

/**
 * What a claim's check returns (ClaimResult in reports/claims/kit/claim-check.ts), as zod schemas
 * from which results.schema.json is generated. The `id` metadata names each schema's definition there.
 */
export const ClaimIdSchema = z.enum(CLAIM_IDS).meta({ id: 'claimId' });

export const SeriesPointSchema = z
  .strictObject({
    x: z.number(),
    y: z.number(),
    lower: z.number().optional(),
    upper: z.number().optional(),
  })
  .meta({ id: 'seriesPoint', description: 'One plotted point; lower/upper give a confidence band where the value is an estimate.' });

export const SeriesSchema = z
  .strictObject({
    name: z.string(),
    role: z.enum(['bound', 'measured', 'reference']),
    points: z.array(SeriesPointSchema).readonly(),
  })
  .meta({ id: 'series', description: "A named curve: 'bound' for a theoretical curve, 'measured' for an empirical one." });

export const PlotSchema = z
  .strictObject({
    title: z.string(),
    xLabel: z.string(),
    yLabel: z.string(),
    logX: z.boolean().optional(),
    logY: z.boolean().optional(),
    series: z.array(SeriesSchema).readonly(),
  })
  .meta({ id: 'plot' });

/** A proof number: finite, or the string JSON cannot write as a number. */
export const ProofNumberSchema = z
  .union([z.number(), z.enum(['Infinity', '-Infinity', 'NaN'])])
  .meta({ description: "A finite number, or 'Infinity', '-Infinity' or 'NaN' (an overflowed or undefined side)." });

export const ProofEvaluationSchema = z
  .strictObject({
    caseLabel: z.string(),
    scope: z.number().int().min(0),
    lhs: ProofNumberSchema,
    rhs: ProofNumberSchema,
    slack: ProofNumberSchema,
    allowance: ProofNumberSchema,
  })
  .meta({ description: 'One evaluation of a proof step in one scope of one case: sides, slack and allowance.' });

export const ProofSymbolicSchema = z
  .strictObject({
    method: z.enum(['simplify', 'rationalize', 'numerical', 'failed']),
    simplified: z.string(),
    points: z.number().int().min(0).optional(),
    worstResidual: ProofNumberSchema.optional(),
  })
  .meta({
    description: 'How an algebra step was decided: symbolically (simplify, rationalize) or numerically (BigNumber).',
  });

export const ProofStepSummarySchema = z
  .strictObject({
    id: z.string(),
    kind: z.enum([...STEP_KINDS, 'end statement']),
    relation: z.enum(RELATIONS),
    lhs: z.string(),
    rhs: z.string(),
    given: z.string().optional(),
    casesChecked: z.number().int().min(0),
    scopesChecked: z.number().int().min(0),
    vacuousScopes: z.number().int().min(0),
    tightest: ProofEvaluationSchema.optional(),
    failureCount: z.number().int().min(0),
    failures: z.array(ProofEvaluationSchema).readonly(),
    verdict: z.enum(['holds', 'violated', 'vacuous', 'not selected']),
    symbolic: ProofSymbolicSchema.optional(),
  })
  .meta({ description: 'One proof step (or the end statement) over all cases of a check.' });

export const ProofSummarySchema = z
  .strictObject({
    finding: z.enum(['none', 'violated', 'broken proof']),
    cases: z.number().int().min(0),
    selectedSteps: z.array(z.string()).readonly().optional(),
    endStatement: ProofStepSummarySchema.optional(),
    steps: z.array(ProofStepSummarySchema).readonly(),
    firstFailingStep: z
      .strictObject({ step: z.string(), failure: ProofEvaluationSchema, counterexample: z.unknown().optional() })
      .optional(),
    endStatementCounterexample: z.unknown().optional(),
  })
  .meta({ description: "A claim's proof checked step by step on every case of its check, and the finding." });

export const HeadlineSchema = z
  .strictObject({
    bound: z.string().describe('The bound or level the verdict tests, as text, with where it is tightest.'),
    measured: z
      .string()
      .describe('The worst measured value against the bound, with its cell; for a confidence-bounded test, the deciding confidence bound.'),
    margin: z
      .number()
      .optional()
      .describe("bound − measured in the claim's units (negative: beyond the bound); absent for a 'report' claim."),
  })
  .meta({ id: 'headline', description: "The claims table's row of a result: the bound, the worst measured value against it, the margin." });

export const ClaimResultSchema = z
  .strictObject({
    id: ClaimIdSchema,
    verdict: z.enum(VERDICTS).describe("'holds', 'violated' or 'inconclusive'; 'reported' (no verdict) for a claim of kind 'report' only."),
    summary: z.string(),
    headline: HeadlineSchema,
    numbers: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
    samples: z.number().int().min(0),
    failureProbability: z.number().min(0).max(1),
    counterexample: z.unknown().optional(),
    plots: z.array(PlotSchema).readonly().optional(),
    notes: z.array(z.string()).readonly().optional(),
    proof: ProofSummarySchema.optional(),
  })
  .meta({ id: 'claimResult', description: "What a claim's check returns; every number is finite." });

/** True when A and B are assignable to each other (the zod schema and the interface describe the same values). */
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Compile-time checks: these fail to type-check when a schema and its interface in claim-check.ts drift apart. */
export const SCHEMAS_MATCH_CLAIM_CHECK_TYPES: {
  readonly seriesPoint: MutuallyAssignable<z.infer<typeof SeriesPointSchema>, SeriesPoint>;
  readonly series: MutuallyAssignable<z.infer<typeof SeriesSchema>, Series>;
  readonly plot: MutuallyAssignable<z.infer<typeof PlotSchema>, Plot>;
  readonly headline: MutuallyAssignable<z.infer<typeof HeadlineSchema>, Headline>;
  readonly proofEvaluation: MutuallyAssignable<z.infer<typeof ProofEvaluationSchema>, ProofEvaluation>;
  readonly proofSymbolic: MutuallyAssignable<z.infer<typeof ProofSymbolicSchema>, ProofSymbolic>;
  readonly proofStep: MutuallyAssignable<z.infer<typeof ProofStepSummarySchema>, ProofStepSummary>;
  readonly proof: MutuallyAssignable<z.infer<typeof ProofSummarySchema>, ProofSummary>;
  readonly claimResult: MutuallyAssignable<z.infer<typeof ClaimResultSchema>, ClaimResult>;
} = {
  seriesPoint: true,
  series: true,
  plot: true,
  headline: true,
  proofEvaluation: true,
  proofSymbolic: true,
  proofStep: true,
  proof: true,
  claimResult: true,
};
