import { z } from 'zod';
import { CHECK_KINDS, PROVENANCES } from '../../bounds/registry';
import type { VERDICTS } from '../claims/kit/claim-check';
import { ClaimIdSchema, ClaimResultSchema } from './claim-result-schema';

/**
 * results.json as zod schemas: the one source of its TypeScript types (below) and of its JSON
 * Schema (results-json-schema.ts, committed as reports/run/results.schema.json).
 */

/** Peak resident set sizes of a run's processes (process.resourceUsage().maxRSS), in MiB. */
export const PeakRssSchema = z.strictObject({
  processMiB: z
    .number()
    .min(0)
    .describe(
      'The `tvem reproduce` process while it ran the claims; with --jobs, or after `tvem merge`, the largest of its job or shard processes.',
    ),
  workersMiB: z.number().min(0).optional().describe('The largest pre-training worker process (TVEM_WORKERS); absent when none ran.'),
});

/** The environment a run happened in, saved beside its results. */
export const RunEnvironmentSchema = z
  .strictObject({
    tvemVersion: z.string(),
    node: z.string(),
    packages: z.record(z.string(), z.string()).describe('Versions of the packages the results depend on.'),
    backend: z.string().describe("tfjs backend in use ('tensorflow', 'wasm', 'cpu'), or 'none' when no check needed tensors."),
    gitSha: z.string(),
    cores: z.number().int().min(1),
    platform: z.string(),
    peakRss: PeakRssSchema.optional().describe(
      "The run's peak resident set sizes, in MiB (each process's own peak: processes running at once add up); absent in older runs.",
    ),
  })
  .meta({ id: 'environment', description: 'The environment a run happened in.' });

export const CLAIM_STATUSES = ['implemented', 'not implemented', 'not selected', 'error'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** The field a status requires: an implemented claim has its result, an errored one its message. */
export const FIELD_REQUIRED_BY_STATUS = { implemented: 'result', error: 'error' } as const satisfies Partial<
  Record<ClaimStatus, 'result' | 'error'>
>;

/** The result of a claim of kind 'report' (CLAIMS.md §3): numbers shown, no verdict; no other kind has it. */
const REPORTED = 'reported' satisfies (typeof VERDICTS)[number];

/** One claim's row: the registry entry and, when implemented, its check's result. */
export const ClaimRecordSchema = z
  .strictObject({
    id: ClaimIdSchema,
    title: z.string(),
    statement: z.string(),
    provenance: z.enum(PROVENANCES),
    kind: z.enum(CHECK_KINDS),
    status: z.enum(CLAIM_STATUSES).describe("'implemented' with a result, or 'not implemented' / 'not selected' without one."),
    result: ClaimResultSchema.optional(),
    error: z.string().optional().describe("The error message when the check itself failed (status 'error')."),
    backend: z.string().optional().describe('The tfjs backend the check ran on, for checks that use tensors.'),
    seconds: z.number().min(0).optional().describe('Wall time of the check in seconds: trainingSeconds + evaluationSeconds.'),
    trainingSeconds: z
      .number()
      .min(0)
      .optional()
      .describe(
        'Of seconds, the time spent training models: pre-training, training, or loading a cached checkpoint; absent in older runs.',
      ),
    evaluationSeconds: z.number().min(0).optional().describe('Of seconds, the rest: everything but training; absent in older runs.'),
    replay: z.string().describe('The command that replays this claim alone.'),
  })
  .superRefine((record, ctx) => {
    const verdict = record.result?.verdict;
    if (verdict !== undefined && (verdict === REPORTED) !== (record.kind === 'report'))
      ctx.addIssue({
        code: 'custom',
        path: ['result', 'verdict'],
        message: `a claim of kind '${record.kind}' cannot have verdict '${verdict}': '${REPORTED}' is the result of kind 'report' only`,
      });
  })
  .meta({
    id: 'claimRecord',
    description: "One claim's row: the registry entry and, when implemented, its check's result.",
    allOf: [
      ...Object.entries(FIELD_REQUIRED_BY_STATUS).map(([status, field]) => ({
        if: { properties: { status: { const: status } } },
        // biome-ignore lint/suspicious/noThenProperty: the if/then keywords of JSON Schema
        then: { required: [field] },
      })),
      {
        if: { properties: { kind: { const: 'report' } }, required: ['kind'] },
        // biome-ignore lint/suspicious/noThenProperty: the if/then keywords of JSON Schema
        then: { properties: { result: { type: 'object', properties: { verdict: { const: REPORTED } } } } },
        else: { properties: { result: { type: 'object', properties: { verdict: { not: { const: REPORTED } } } } } },
      },
    ],
  });

/** results.json. */
export const RunResultsSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    startedAt: z.string().min(1),
    finishedAt: z.string().min(1),
    seed: z.number().int().min(0),
    quick: z.boolean(),
    environment: RunEnvironmentSchema,
    claims: z.array(ClaimRecordSchema).readonly(),
  })
  .meta({
    title: 'tvem run results (results.json)',
    description:
      'What `tvem reproduce` writes to results.json. Generated from the zod schemas in reports/run/run-results.ts and reports/run/claim-result-schema.ts by `npm run results-schema`; do not edit.',
  });

export type PeakRss = z.infer<typeof PeakRssSchema>;
export type RunEnvironment = z.infer<typeof RunEnvironmentSchema>;
export type ClaimRecord = z.infer<typeof ClaimRecordSchema>;
export type RunResults = z.infer<typeof RunResultsSchema>;
