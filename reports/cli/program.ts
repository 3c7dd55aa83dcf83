import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { CLAIM_IDS } from '../../bounds/registry';
import { BACKENDS } from '../../model/backend-names';
import { COVARIANCE_MODELS } from '../../theory/em';
import { LAYOUTS } from '../../theory/layouts';
import { type MixtureSpec, sampleInstance, VARIANT_KINDS, type Variant } from '../../theory/mixture';
import { Rng } from '../../theory/rng';
import { fail, InputError } from '../../theory/validate';
import { PROJECT_ROOT, projectVersion } from '../run/environment';
import { DEFAULT_SEED, parseClaimIds, parseSeed, parseShard, type RunConfig } from '../run/run-config';
import { clusterReference } from './cluster-reference';
import { instanceToJson, parseClusterInput } from './instance-json';

/** Parses a finite number option, naming the flag on failure. */
function numberOption(flag: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) fail(flag, text, 'a finite number');
    return value;
  };
}

function integerOption(flag: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^-?\d+$/.test(text.trim())) fail(flag, text, 'an integer');
    return value;
  };
}

function readInput(source: string): string {
  try {
    return readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (error) {
    throw new InputError(`--input ${source} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function variantFrom(options: { variant: string; lambdaMin: number; lambdaMax: number; alpha: number; nu: number }): Variant {
  switch (options.variant) {
    case 'isotropic':
      return { kind: 'isotropic' };
    case 'anisotropic':
      return { kind: 'anisotropic', lambdaMin: options.lambdaMin, lambdaMax: options.lambdaMax };
    case 'imbalanced':
      return { kind: 'imbalanced', alpha: options.alpha };
    case 'heavy-tailed':
      return { kind: 'heavy-tailed', nu: options.nu };
    default:
      return fail('--variant', options.variant, `one of ${VARIANT_KINDS.join(', ')}`);
  }
}

function defaultRunDir(seed: number, quick: boolean): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join(PROJECT_ROOT, 'reports', 'out', `${stamp}-seed${seed}${quick ? '-quick' : ''}`);
}

export function buildProgram(): Command {
  const program = new Command('tvem')
    .description('Checks the claims of "Transformers versus the EM Algorithm in Multi-class Clustering" (arXiv:2502.06007)')
    .version(projectVersion());

  program
    .command('sample')
    .description('draw one Gaussian-mixture instance and print it as JSON (spec, centers, labels, points)')
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
    .action((options) => {
      const spec: MixtureSpec = {
        k: options.k,
        d: options.d,
        n: options.n,
        delta: options.delta,
        sigma: options.sigma,
        layout: options.layout,
        variant: variantFrom(options),
      };
      process.stdout.write(`${JSON.stringify(instanceToJson(sampleInstance(spec, new Rng(options.seed))))}\n`);
    });

  program
    .command('cluster')
    .description('cluster an instance (JSON from `tvem sample`, or any {points}) and print the result as JSON')
    .requiredOption('--method <method>', 'lloyd | em | oracle | attention-lloyd | transformer')
    .option('--init <init>', 'perturbed-truth | kmeans++ | spectral', 'kmeans++')
    .option('--lambda0 <x>', 'perturbed-truth: Λ_0 = max_a ‖μ̂_a − μ_a‖/Δ', numberOption('--lambda0'), 0.3)
    .option('--iterations <T>', 'iteration cap (default: Lloyd 300, EM 100)', integerOption('--iterations'))
    .option('--k <k>', 'number of clusters (default: from the input)', integerOption('--k'))
    .addOption(
      new Option('--covariance <model>', 'EM: shared σ² (mclust EII) or per-cluster σ_a² (scikit-learn spherical)')
        .choices(COVARIANCE_MODELS)
        .default('shared'),
    )
    .requiredOption('--seed <seed>', 'random seed (initialization)', parseSeed)
    .option('--input <file>', 'input JSON file, or - for stdin', '-')
    .option('--beta <beta>', 'attention-lloyd: E-step inverse temperature (default: from the initial centers)', numberOption('--beta'))
    .option('--checkpoint <path>', 'transformer: a checkpoint folder (or its checkpoint.json) from `tvem train --target transformer`')
    .addOption(new Option('--backend <name>', 'attention-lloyd, transformer: force a tfjs backend').choices(BACKENDS))
    .action(async (options) => {
      if (options.method === 'transformer' && !options.checkpoint) throw new InputError('--method transformer needs --checkpoint <path>');
      const input = parseClusterInput(readInput(options.input), options.input === '-' ? 'stdin' : options.input);
      const rng = new Rng(options.seed);
      const output =
        options.method === 'attention-lloyd'
          ? await (require('./cluster-attention-lloyd') as typeof import('./cluster-attention-lloyd')).clusterWithAttentionLloyd(
              input,
              options,
              rng,
            )
          : options.method === 'transformer'
            ? await (require('./cluster-transformer') as typeof import('./cluster-transformer')).clusterWithTransformer(input, options, rng)
            : clusterReference(input, options, rng);
      process.stdout.write(`${JSON.stringify(output)}\n`);
    });

  program
    .command('reproduce')
    .description("run every implemented claim's check and write results.json, report.md and report.html")
    .option('--quick', 'smoke scale (minutes) instead of the default scale', false)
    .option('--out <dir>', 'output directory (default: reports/out/<run>)')
    .option('--seed <seed>', 'run seed', parseSeed, DEFAULT_SEED)
    .option('--only <ids>', `comma-separated claim ids (${CLAIM_IDS[0]}…${CLAIM_IDS[CLAIM_IDS.length - 1]})`, parseClaimIds)
    .option('--shard <i/N>', 'run the i-th of N deterministic shares of the claims', parseShard)
    .option('--resume <dir>', 'finish an interrupted run in <dir>, skipping finished claims')
    .addOption(
      new Option('--backend <name>', 'force a tfjs backend (default: TVEM_BACKEND, else tensorflow → wasm → cpu)').choices([
        'tensorflow',
        'wasm',
        'cpu',
      ]),
    )
    .action(async (options) => {
      if (options.resume && options.out && options.out !== options.resume)
        throw new InputError('--resume and --out name different directories; give one');
      const config: RunConfig = {
        seed: options.seed,
        quick: options.quick,
        only: options.only ?? [...CLAIM_IDS],
        shard: options.shard ?? { index: 1, count: 1 },
        ...(options.backend ? { backend: options.backend } : {}),
      };
      const out: string = options.resume ?? options.out ?? defaultRunDir(config.seed, config.quick);
      // Loaded here so that `sample` and `cluster` never load the report renderer.
      const { reproduce } = require('../run/reproduce') as typeof import('../run/reproduce');
      const { exitCode, results } = await reproduce(config, out, Boolean(options.resume));
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
    });

  program
    .command('train')
    .description(
      'train one model (B3 E-step layer, C3 M-step layer, D2 approximator, F3 clustering transformer) into the checkpoint cache and print a JSON summary',
    )
    .addOption(new Option('--target <target>', 'what to train').choices(['estep', 'mstep', 'approx', 'transformer']).makeOptionMandatory())
    .option('--heads <M>', 'estep/mstep/approx: number of attention heads', integerOption('--heads'))
    .addOption(new Option('--init <init>', 'transformer: the initialization it is given').choices(['perturbed-truth', 'kmeans++', 'none']))
    .option('--seed <seed>', 'random seed', parseSeed, DEFAULT_SEED)
    .option('--retrain', 'ignore a cached checkpoint and train afresh', false)
    .option('--quick', 'smoke scale', false)
    .option('--out <file>', 'also write the JSON summary to this file')
    .addOption(new Option('--function <f>', 'approx: the target function').choices(['square-norm', 'reciprocal', 'log-sum-exp']))
    .option('--k <k>', 'estep/mstep: number of clusters', integerOption('--k'))
    .option('--d <d>', 'dimension', integerOption('--d'))
    .option('--n <n>', 'estep/mstep: points per instance', integerOption('--n'))
    .option('--beta-cap <beta>', 'estep/mstep: temperature cap β_cap', numberOption('--beta-cap'))
    .option('--steps <steps>', 'training steps', integerOption('--steps'))
    .action(async (options) => {
      const { trainCommand } = require('./train-targets') as typeof import('./train-targets');
      const { betaCap, ...rest } = options;
      const summary = await trainCommand({ ...rest, ...(betaCap === undefined ? {} : { betaCap }) });
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    });

  program
    .command('bench')
    .description('time our code against scikit-learn (and the attention network against float64 Lloyd); writes bench.json')
    .option('--quick', 'n = 1e4 only, 3 repeats', false)
    .option('--repeats <R>', 'repeats per figure (medians are reported)', integerOption('--repeats'))
    .option('--out <file>', 'where to write bench.json (default: reports/out/bench.json)')
    .action(async (options) => {
      const { runBench } = require('../../bench/run-bench') as typeof import('../../bench/run-bench');
      await runBench({
        quick: options.quick,
        ...(options.repeats !== undefined ? { repeats: options.repeats } : {}),
        ...(options.out ? { out: options.out } : {}),
      });
    });

  program
    .command('merge')
    .description('combine the outputs of `tvem reproduce --shard i/N` runs into one report')
    .argument('<dirs...>', 'shard output directories')
    .option('--out <dir>', 'output directory (default: reports/out/<run>)')
    .action(async (dirs: string[], options) => {
      const { merge } = require('../run/reproduce') as typeof import('../run/reproduce');
      const config = (require('../run/reproduce') as typeof import('../run/reproduce')).readRunConfig(dirs[0]!);
      const out: string = options.out ?? defaultRunDir(config.seed, config.quick);
      const { exitCode } = await merge(dirs, out);
      process.stderr.write(`wrote ${out}\n`);
      process.exitCode = exitCode;
    });

  return program;
}

/** Runs the CLI. Bad input prints one line to stderr and exits 2, never a stack trace. */
export async function main(argv: string[]): Promise<void> {
  // Ctrl-C or a kill: every write is synchronous and atomic (temp file + rename), so a signal is
  // handled between writes and the finished cells on disk are complete.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`tvem: interrupted by ${signal}; finished results are kept, continue with --resume\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  const program = buildProgram();
  program.exitOverride();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`) });
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has printed its one-line message already; help and version exit 0.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`tvem: ${message.split('\n')[0]}\n`);
    if (process.env.TVEM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 2;
  }
}
