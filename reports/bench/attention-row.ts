import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { skippedRow, type BenchRow } from './bench-row';

const ATTENTION_BENCH = join(__dirname, 'attention-lloyd.ts');

/** The attention-Lloyd forward against float64 Lloyd, from attention-lloyd.ts once that file exists. */
export async function attentionRow(repeats: number): Promise<BenchRow> {
  if (!existsSync(ATTENTION_BENCH)) return skippedRow('attention forward vs float64 Lloyd', '', 'not available yet (reports/bench/attention-lloyd.ts does not exist)');
  // Loaded by path: the module is written separately and may not exist when this file is type-checked.
  const { benchAttentionLloyd } = require(ATTENTION_BENCH) as { benchAttentionLloyd: (repeats: number) => BenchRow | Promise<BenchRow> };
  return benchAttentionLloyd(repeats);
}
