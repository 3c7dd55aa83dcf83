import { Command, Option } from 'commander';
import { z } from 'zod';
import { TRANSFORMER_INITS } from '../../model/clustering/config';
import { APPROXIMATION_TARGETS } from '../../model/training/approximation-targets';
import { DEFAULT_SEED, parseSeed } from '../run/run-config';
import { integerAtLeast, integerOption, numberOption, oneOf, parseOptions, positiveNumber, seedNumber } from './options';

export const TRAIN_TARGETS = ['estep', 'mstep', 'approx', 'transformer'] as const;
export type TrainTarget = (typeof TRAIN_TARGETS)[number];

/** The options every target takes. */
const common = {
  seed: seedNumber(),
  retrain: z.boolean().default(false),
  /** Quick scale: fewer steps and held-out samples. */
  quick: z.boolean().default(false),
  /** Where to write the JSON summary (the checkpoint always goes to the cache). */
  out: z.string().min(1, { error: 'a file name' }).optional(),
  /** Override of the training steps. */
  steps: integerAtLeast(1).optional(),
  /** Checkpoint cache folder (not a flag; for callers in code); default .cache/checkpoints. */
  checkpointRoot: z.string().min(1).optional(),
  /** Show a progress bar (TTY) or progress lines on stderr (not a flag); default true. */
  progress: z.boolean().default(true),
};

/** Attention heads M (estep, mstep, approx; the transformer's architecture is the F3 preset). */
const heads = integerAtLeast(1, 4096);

/** estep, mstep: the mixture the layer is trained on (defaults: the experiment's). */
const mixtureLayer = {
  ...common,
  heads,
  k: integerAtLeast(1).optional(),
  d: integerAtLeast(1).optional(),
  n: integerAtLeast(1).optional(),
  /** Temperature cap β_cap. */
  betaCap: positiveNumber().optional(),
};

/**
 * The options of `tvem train`, one strict object per --target: an option of another target is an
 * error naming it ("--function does not apply to --target estep").
 */
export const trainOptionsSchema = z.discriminatedUnion('target', [
  z.strictObject({ target: z.literal('estep'), ...mixtureLayer }),
  z.strictObject({ target: z.literal('mstep'), ...mixtureLayer }),
  z.strictObject({
    target: z.literal('approx'),
    ...common,
    heads,
    /** The approximated function (default: the experiment's). */
    function: oneOf(APPROXIMATION_TARGETS).optional(),
    /** Input dimension (for the targets whose d is free). */
    d: integerAtLeast(1).optional(),
  }),
  z.strictObject({
    target: z.literal('transformer'),
    ...common,
    /** Clusters of the F3 preset (n per batch in [32, 256], d = 3); default 3. */
    k: integerAtLeast(1).optional(),
    /** The initialization the transformer is given. */
    init: oneOf(TRANSFORMER_INITS).optional(),
  }),
]);
export type TrainOptions = z.input<typeof trainOptionsSchema>;
export type TrainConfig = z.output<typeof trainOptionsSchema>;

/** Parses the options of `tvem train` (as commander, or a caller in code, gives them) into a TrainConfig. */
export function parseTrainOptions(options: TrainOptions | Record<string, unknown>): TrainConfig {
  return parseOptions(trainOptionsSchema, options as Record<string, unknown>, (o) => `--target ${String(o.target)}`);
}

export function trainCommand(): Command {
  return new Command('train')
    .description(
      'train one model (B3 E-step layer, C3 M-step layer, D2 approximator, F3 clustering transformer) into the checkpoint cache and print a JSON summary',
    )
    .addOption(new Option('--target <target>', 'what to train').choices(TRAIN_TARGETS).makeOptionMandatory())
    .option('--heads <M>', 'estep/mstep/approx: number of attention heads', integerOption('--heads'))
    .addOption(new Option('--init <init>', 'transformer: the initialization it is given').choices(TRANSFORMER_INITS))
    .option('--seed <seed>', 'random seed', parseSeed, DEFAULT_SEED)
    .option('--retrain', 'ignore a cached checkpoint and train afresh', false)
    .option('--quick', 'smoke scale', false)
    .option('--out <file>', 'also write the JSON summary to this file')
    .addOption(new Option('--function <f>', 'approx: the target function').choices(APPROXIMATION_TARGETS))
    .option('--k <k>', 'estep/mstep/transformer: number of clusters', integerOption('--k'))
    .option('--d <d>', 'estep/mstep/approx: dimension', integerOption('--d'))
    .option('--n <n>', 'estep/mstep: points per instance', integerOption('--n'))
    .option('--beta-cap <beta>', 'estep/mstep: temperature cap β_cap', numberOption('--beta-cap'))
    .option('--steps <steps>', 'training steps', integerOption('--steps'))
    .action(async (options) => {
      const config = parseTrainOptions(options);
      // Loaded only now, so that a bad option is reported without loading tfjs.
      const { train } = require('./train-targets') as typeof import('./train-targets');
      process.stdout.write(`${JSON.stringify(await train(config))}\n`);
    });
}
