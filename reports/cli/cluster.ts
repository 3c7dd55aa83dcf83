import { Command, Option } from 'commander';
import { z } from 'zod';
import { BACKENDS } from '../../model/backend-names';
import { COVARIANCE_MODELS } from '../../theory/em';
import { INITIALIZATIONS } from '../../theory/init';
import { parseSeed } from '../run/run-config';
import { type InputDocument, readInputDocuments } from './cluster-input-lines';
import { clusterReference, REFERENCE_METHODS } from './cluster-reference';
import type { Clusterer } from './clusterer';
import { clusterInputOf } from './instance-json';
import { instanceRng } from './instance-streams';
import { integerAtLeast, integerOption, nonNegativeNumber, numberOption, oneOf, parseOptions, positiveNumber, seedNumber } from './options';

export const CLUSTER_METHODS = [...REFERENCE_METHODS, 'attention-lloyd', 'transformer'] as const;

/** The options of `tvem cluster`, as commander parsed them. */
const clusterOptionsSchema = z
  .strictObject({
    method: oneOf(CLUSTER_METHODS),
    init: oneOf(INITIALIZATIONS),
    lambda0: nonNegativeNumber(),
    /** Iteration cap; default Lloyd 300, EM 100, attention-lloyd 10. */
    iterations: integerAtLeast(1).optional(),
    /** Default: the input's spec.k, else its number of true centers. */
    k: integerAtLeast(1).optional(),
    covariance: oneOf(COVARIANCE_MODELS),
    seed: seedNumber(),
    input: z.string().min(1, { error: 'a file name, or - for stdin' }),
    /** attention-lloyd: the E-step inverse temperature (default: from the initial centers). */
    beta: positiveNumber().optional(),
    /** transformer: the checkpoint folder or its checkpoint.json. */
    checkpoint: z.string().min(1, { error: 'a checkpoint folder' }).optional(),
    backend: oneOf(BACKENDS).optional(),
  })
  .superRefine((o, context) => {
    if (o.method === 'transformer' && o.checkpoint === undefined)
      context.addIssue({ code: 'custom', path: ['checkpoint'], message: 'a checkpoint folder' });
  });
export type ClusterConfig = z.output<typeof clusterOptionsSchema>;

/** Validates the options of `tvem cluster` (as commander parsed them); a bad one is a one-line error naming its flag. */
export function parseClusterOptions(options: Record<string, unknown>): ClusterConfig {
  return parseOptions(clusterOptionsSchema, options, (o) => `--method ${String(o.method)}`);
}

/** Opens the method once: loads the tfjs backend (and the checkpoint) only for the methods that need it. */
async function openClusterer(config: ClusterConfig): Promise<Clusterer> {
  const { method } = config;
  if (method === 'attention-lloyd') {
    const { openAttentionLloyd } = require('./cluster-attention-lloyd') as typeof import('./cluster-attention-lloyd');
    return openAttentionLloyd(config);
  }
  if (method === 'transformer') {
    const { openTransformer } = require('./cluster-transformer') as typeof import('./cluster-transformer');
    return openTransformer({ ...config, checkpoint: config.checkpoint! });
  }
  return { cluster: (input, rng) => clusterReference(input, { ...config, method }, rng), close: () => {} };
}

/** Runs `run` for one document; for JSON Lines, an error names the line, e.g. "stdin line 3: points[1] …". */
async function naming<T>(document: InputDocument, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (document.fromLine && error instanceof Error && !error.message.startsWith(document.where))
      error.message = `${document.where}: ${error.message}`;
    throw error;
  }
}

/**
 * `tvem cluster`: reads one instance (a JSON document) or many (JSON Lines) from --input, and
 * prints one result line per instance as soon as it is done. The method is opened once, at the
 * first instance. Instance i starts from the random stream instanceRng(--seed, i), so a single
 * document gives what it always gave for this --seed, and every method run on the same stream
 * with the same --seed gets the same initializations, line by line.
 */
export async function runCluster(config: ClusterConfig): Promise<void> {
  let clusterer: Clusterer | undefined;
  try {
    for await (const document of readInputDocuments(config.input)) {
      const input = await naming(document, () => clusterInputOf(document.value, document.where));
      clusterer ??= await openClusterer(config);
      const opened = clusterer;
      const output = await naming(document, () => opened.cluster(input, instanceRng(config.seed, document.index)));
      process.stdout.write(`${JSON.stringify(output)}\n`);
    }
  } finally {
    clusterer?.close();
  }
}

export function clusterCommand(): Command {
  return new Command('cluster')
    .description(
      'cluster an instance (JSON from `tvem sample`, or any {points}), or each line of JSON Lines, and print one JSON result per instance',
    )
    .requiredOption('--method <method>', CLUSTER_METHODS.join(' | '))
    .option('--init <init>', INITIALIZATIONS.join(' | '), 'kmeans++')
    .option('--lambda0 <x>', 'perturbed-truth: Λ_0 = max_a ‖μ̂_a − μ_a‖/Δ', numberOption('--lambda0'), 0.3)
    .option('--iterations <T>', 'iteration cap (default: Lloyd 300, EM 100, attention-lloyd 10)', integerOption('--iterations'))
    .option('--k <k>', 'number of clusters (default: from the input)', integerOption('--k'))
    .addOption(
      new Option('--covariance <model>', 'EM: shared σ² (mclust EII) or per-cluster σ_a² (scikit-learn spherical)')
        .choices(COVARIANCE_MODELS)
        .default('shared'),
    )
    .requiredOption('--seed <seed>', 'random seed of the initializations (instance i ≥ 1 of JSON Lines: new Rng(seed).split(i))', parseSeed)
    .option('--input <file>', 'input: one JSON document or JSON Lines (one instance per line); a file, or - for stdin', '-')
    .option('--beta <beta>', 'attention-lloyd: E-step inverse temperature (default: from the initial centers)', numberOption('--beta'))
    .option('--checkpoint <path>', 'transformer: a checkpoint folder (or its checkpoint.json) from `tvem train --target transformer`')
    .addOption(new Option('--backend <name>', 'attention-lloyd, transformer: force a tfjs backend').choices(BACKENDS))
    .action(async (options) => runCluster(parseClusterOptions(options)));
}
