import { benchAttentionLloyd } from './attention-lloyd';
import type { BenchRow } from './bench-row';

/** Issue 3's row: the attention-Lloyd forward against float64 Lloyd. */
export async function attentionRow(repeats: number): Promise<BenchRow> {
  return benchAttentionLloyd(repeats);
}
