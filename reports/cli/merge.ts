import { Command } from 'commander';
import { z } from 'zod';
import { parseOptions } from './options';
import { defaultRunDir } from './run-dir';

/** The arguments and options of `tvem merge`. */
const mergeOptionsSchema = z.strictObject({
  dirs: z.array(z.string().min(1)).min(1, { error: 'at least one shard directory' }),
  out: z.string().min(1, { error: 'a directory' }).optional(),
});
type MergeOptions = z.output<typeof mergeOptionsSchema>;

/** `tvem merge`: one report from the shard outputs of a run (into --out, or a new run directory named after the shards' seed). */
async function runMerge({ dirs, out }: MergeOptions): Promise<void> {
  // Loaded here so that `sample` and `cluster` never load the report renderer.
  const { merge, readRunConfig } = require('../run/reproduce') as typeof import('../run/reproduce');
  const config = readRunConfig(dirs[0]!);
  const target = out ?? defaultRunDir(config.seed, config.quick);
  const { exitCode } = await merge(dirs, target);
  process.stderr.write(`wrote ${target}\n`);
  process.exitCode = exitCode;
}

export function mergeCommand(): Command {
  return new Command('merge')
    .description('combine the outputs of `tvem reproduce --shard i/N` runs into one report')
    .argument('<dirs...>', 'shard output directories')
    .option('--out <dir>', 'output directory (default: reports/out/<run>)')
    .action(async (dirs: string[], options) => runMerge(parseOptions(mergeOptionsSchema, { ...options, dirs })));
}
