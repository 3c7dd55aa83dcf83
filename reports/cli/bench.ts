import { Command } from 'commander';
import { z } from 'zod';
import { integerAtLeast, integerOption, parseOptions } from './options';

/** The options of `tvem bench`, as commander parsed them. */
const benchOptionsSchema = z.strictObject({
  quick: z.boolean(),
  /** Repeats per figure; default 7, or 3 with --quick. */
  repeats: integerAtLeast(1).optional(),
  /** Default reports/out/bench.json. */
  out: z.string().min(1, { error: 'a file name' }).optional(),
  /** A results.json whose time budget bench.md shows. */
  budget: z.string().min(1, { error: 'a results.json file' }).optional(),
});

export function benchCommand(): Command {
  return new Command('bench')
    .description('time our code against scikit-learn (and the attention network against float64 Lloyd); writes bench.json')
    .option('--quick', 'n = 1e4 only, 3 repeats', false)
    .option('--repeats <R>', 'repeats per figure (medians are reported)', integerOption('--repeats'))
    .option('--out <file>', 'where to write bench.json (default: reports/out/bench.json)')
    .option('--budget <results.json>', "show that `tvem reproduce` run's time budget and peak RSS in bench.md")
    .action(async (options) => {
      const { quick, repeats, out, budget } = parseOptions(benchOptionsSchema, options);
      // Loaded here so that the other commands never load the benchmarks.
      const { runBench } = require('../../bench/run-bench') as typeof import('../../bench/run-bench');
      await runBench({
        quick,
        ...(repeats !== undefined ? { repeats } : {}),
        ...(out !== undefined ? { out } : {}),
        ...(budget !== undefined ? { budget } : {}),
      });
    });
}
