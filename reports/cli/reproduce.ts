import { Command, Option } from 'commander';
import { z } from 'zod';
import { CLAIM_IDS } from '../../bounds/registry';
import { BACKENDS } from '../../model/backend-names';
import { DEFAULT_SEED, parseClaimSelection, parseSeed, parseShard, type RunConfig } from '../run/run-config';
import { integerAtLeast, integerFromEnvironment, integerOption, oneOf, parseOptions, seedNumber } from './options';
import { defaultRunDir } from './run-dir';

/** The environment variable that sets `--jobs` when the flag is not given. */
const JOBS_ENV = 'TVEM_JOBS';

/** The options of `tvem reproduce`, as commander parsed them. */
const reproduceOptionsSchema = z
  .strictObject({
    quick: z.boolean(),
    out: z.string().min(1, { error: 'a directory' }).optional(),
    seed: seedNumber(),
    /** Claim ids and, for claims named by step ids only, their steps; already checked by parseClaimSelection; default all. */
    only: z
      .object({
        only: z.array(oneOf(CLAIM_IDS)).min(1),
        steps: z.partialRecord(oneOf(CLAIM_IDS), z.array(z.string()).min(1)).optional(),
      })
      .optional(),
    /** Already checked by parseShard; default 1/1. */
    shard: z.object({ index: z.number().int().min(1), count: z.number().int().min(1) }).optional(),
    resume: z.string().min(1, { error: 'a directory' }).optional(),
    backend: oneOf(BACKENDS).optional(),
    /** Job processes running claims at once; default TVEM_JOBS, else 1. */
    jobs: integerAtLeast(1).optional(),
  })
  .superRefine((o, context) => {
    if (o.resume !== undefined && o.out !== undefined && o.out !== o.resume)
      context.addIssue({ code: 'custom', path: ['out'], message: `the --resume directory (${o.resume}) or left out` });
  });
type ReproduceOptions = z.output<typeof reproduceOptionsSchema>;

/** `tvem reproduce`: runs the claims' checks into a run directory and reports the verdict counts on stderr. */
async function runReproduce(options: ReproduceOptions): Promise<void> {
  const config: RunConfig = {
    seed: options.seed,
    quick: options.quick,
    only: options.only?.only ?? [...CLAIM_IDS],
    ...(options.only?.steps ? { steps: options.only.steps } : {}),
    shard: options.shard ?? { index: 1, count: 1 },
    ...(options.backend ? { backend: options.backend } : {}),
  };
  const out = options.resume ?? options.out ?? defaultRunDir(config.seed, config.quick);
  const jobs = options.jobs ?? integerFromEnvironment(JOBS_ENV, 1) ?? 1;
  // Loaded here so that `sample` and `cluster` never load the report renderer.
  const { reproduce } = require('../run/reproduce') as typeof import('../run/reproduce');
  const { exitCode, results } = await reproduce(config, out, options.resume !== undefined, jobs);
  const counts = results.claims.reduce<Record<string, number>>((acc, c) => {
    const key = c.result?.verdict ?? c.status;
    acc[key] = (acc[key] ?? 0) + 1;
    return acc;
  }, {});
  process.stderr.write(
    `wrote ${out}: ${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}\n`,
  );
  process.exitCode = exitCode;
}

export function reproduceCommand(): Command {
  return new Command('reproduce')
    .description("run every implemented claim's check and write results.json, report.md and report.html")
    .option('--quick', 'smoke scale (minutes) instead of the default scale', false)
    .option('--out <dir>', 'output directory (default: reports/out/<run>)')
    .option('--seed <seed>', 'run seed', parseSeed, DEFAULT_SEED)
    .option(
      '--only <ids>',
      `comma-separated claim ids (${CLAIM_IDS[0]}…${CLAIM_IDS[CLAIM_IDS.length - 1]}) or proof step ids (B2.3: claim B2 with only that step checked)`,
      parseClaimSelection,
    )
    .option('--shard <i/N>', 'run the i-th of N deterministic shares of the claims', parseShard)
    .option('--resume <dir>', 'finish an interrupted run in <dir>, skipping finished claims')
    .option('--jobs <N>', 'run the claims in N processes at once (default: TVEM_JOBS, else 1)', integerOption('--jobs'))
    .addOption(
      new Option('--backend <name>', `force a tfjs backend (default: TVEM_BACKEND, else ${BACKENDS.join(' → ')})`).choices(BACKENDS),
    )
    .action(async (options) => runReproduce(parseOptions(reproduceOptionsSchema, options)));
}
