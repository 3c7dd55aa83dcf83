import { Command, Option } from 'commander';
import { z } from 'zod';
import { LAYOUTS } from '../../theory/layouts';
import { type MixtureSpec, sampleInstance, VARIANT_KINDS, type Variant } from '../../theory/mixture';
import { Rng } from '../../theory/rng';
import { parseSeed } from '../run/run-config';
import { type InstanceJson, instanceToJson } from './instance-json';
import { instanceRng } from './instance-streams';
import { integerAtLeast, integerOption, numberOption, oneOf, parseOptions, positiveNumber, seedNumber } from './options';

/**
 * The options of `tvem sample`, as commander parsed them. The variant's own options are checked
 * for that variant only; what depends on several (n ≥ k, the simplex's d ≥ k − 1) is checked by
 * validateSpec when the instance is drawn.
 */
/** A variant's number (--lambda-min, --lambda-max, --alpha, --nu): any number here, judged with its variant below, so NaN gets the range message. */
function variantParameter() {
  return z.custom<number>((value) => typeof value === 'number', { error: 'a number' });
}

const sampleOptionsSchema = z
  .strictObject({
    k: integerAtLeast(1),
    d: integerAtLeast(1),
    n: integerAtLeast(1),
    delta: positiveNumber(),
    sigma: positiveNumber(),
    layout: oneOf(LAYOUTS),
    variant: oneOf(VARIANT_KINDS),
    lambdaMin: variantParameter(),
    lambdaMax: variantParameter(),
    alpha: variantParameter(),
    nu: variantParameter(),
    seed: seedNumber(),
    /** Draw this many instances, as JSON Lines; absent: one JSON document. */
    count: integerAtLeast(1).optional(),
  })
  .superRefine((o, context) => {
    const check = (key: 'lambdaMin' | 'lambdaMax' | 'alpha' | 'nu', holds: boolean, message: string) => {
      if (!holds) context.addIssue({ code: 'custom', path: [key], message });
    };
    if (o.variant === 'anisotropic') {
      check('lambdaMin', Number.isFinite(o.lambdaMin) && o.lambdaMin > 0, 'a finite number > 0');
      check('lambdaMax', Number.isFinite(o.lambdaMax) && o.lambdaMax > 0, 'a finite number > 0');
      check('lambdaMax', o.lambdaMax >= o.lambdaMin, `>= --lambda-min (${o.lambdaMin})`);
    }
    if (o.variant === 'imbalanced') check('alpha', o.alpha > 0 && o.alpha <= 1 / o.k, `a finite number > 0 and <= 1/k = ${1 / o.k}`);
    if (o.variant === 'heavy-tailed') check('nu', Number.isFinite(o.nu) && o.nu > 2, 'a finite number > 2 (the covariance must exist)');
  });
export type SampleConfig = z.output<typeof sampleOptionsSchema>;

/** Validates the options of `tvem sample` (as commander parsed them); a bad one is a one-line error naming its flag. */
export function parseSampleOptions(options: Record<string, unknown>): SampleConfig {
  return parseOptions(sampleOptionsSchema, options, (o) => `--variant ${String(o.variant)}`);
}

/** One line of `tvem sample --count`: the instance and the seed that draws it alone. */
export type InstanceLineJson = { readonly seed: number } & InstanceJson;

function variantOf(o: SampleConfig): Variant {
  switch (o.variant) {
    case 'isotropic':
      return { kind: 'isotropic' };
    case 'anisotropic':
      return { kind: 'anisotropic', lambdaMin: o.lambdaMin, lambdaMax: o.lambdaMax };
    case 'imbalanced':
      return { kind: 'imbalanced', alpha: o.alpha };
    case 'heavy-tailed':
      return { kind: 'heavy-tailed', nu: o.nu };
  }
}

/**
 * `tvem sample`: without --count, one instance drawn from new Rng(--seed), as one JSON document
 * on one line. With --count N, N instances as JSON Lines, instance i drawn from
 * instanceRng(--seed, i) and carrying that stream's seed s_i (s_0 = --seed), so that line i is
 * `tvem sample --seed s_i` plus the field seed.
 */
export async function runSample(o: SampleConfig): Promise<void> {
  const spec: MixtureSpec = { k: o.k, d: o.d, n: o.n, delta: o.delta, sigma: o.sigma, layout: o.layout, variant: variantOf(o) };
  if (o.count === undefined) {
    process.stdout.write(`${JSON.stringify(instanceToJson(sampleInstance(spec, new Rng(o.seed))))}\n`);
    return;
  }
  for (let index = 0; index < o.count; index++) {
    const rng = instanceRng(o.seed, index);
    const line: InstanceLineJson = { seed: rng.seed, ...instanceToJson(sampleInstance(spec, rng)) };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    // Lets a closed stdout (the reader stopped early) be noticed: main then exits quietly.
    await new Promise(setImmediate);
  }
}

export function sampleCommand(): Command {
  return new Command('sample')
    .description(
      'draw one Gaussian-mixture instance and print it as JSON (spec, centers, labels, points); --count N: N of them, as JSON Lines',
    )
    .requiredOption('--k <k>', 'number of clusters', integerOption('--k'))
    .requiredOption('--d <d>', 'dimension', integerOption('--d'))
    .requiredOption('--n <n>', 'number of points', integerOption('--n'))
    .requiredOption('--delta <delta>', 'separation Δ (minimum distance between centers)', numberOption('--delta'))
    .option('--sigma <sigma>', 'noise scale σ', numberOption('--sigma'), 1)
    .addOption(new Option('--layout <layout>', 'center layout').choices(LAYOUTS).default('simplex'))
    .addOption(new Option('--variant <variant>', 'noise/weight variant').choices(VARIANT_KINDS).default('isotropic'))
    .option('--lambda-min <x>', 'anisotropic: smallest covariance eigenvalue (× σ²)', numberOption('--lambda-min'), 0.5)
    .option('--lambda-max <x>', 'anisotropic: largest covariance eigenvalue (× σ²)', numberOption('--lambda-max'), 2)
    .option('--alpha <x>', 'imbalanced: share of the smallest cluster', numberOption('--alpha'), 0.1)
    .option('--nu <x>', 'heavy-tailed: degrees of freedom of the multivariate t', numberOption('--nu'), 3)
    .requiredOption('--seed <seed>', 'random seed', parseSeed)
    .option(
      '--count <N>',
      'draw N instances, one JSON object per line (JSON Lines); instance i ≥ 1 from new Rng(seed).split(i), its seed in field seed',
      integerOption('--count'),
    )
    .action(async (options) => runSample(parseSampleOptions(options)));
}
