import { z } from 'zod';
import type { ClaimId } from '../../bounds/registry';
import { InputError } from '../../theory/validate';

/** `--shard i/N`: the i-th of N deterministic shares of the selected claims (1/1 is the whole run). */
export const ShardSchema = z.object({ index: z.number().int().min(1), count: z.number().int().min(1) });
export type Shard = z.infer<typeof ShardSchema>;

/** The whole run, unsharded (what `tvem merge` writes). */
export const WHOLE_RUN: Shard = { index: 1, count: 1 };

/** Parses `--shard i/N` with 1 ≤ i ≤ N. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count) {
    throw new InputError(`--shard must be i/N with 1 <= i <= N, got ${JSON.stringify(text)}`);
  }
  return { index, count };
}

/** The claims of shard i/N: a deterministic round-robin over the selected claims in registry order. */
export function shardClaims(selected: readonly ClaimId[], shard: Shard): ClaimId[] {
  return selected.filter((_, position) => position % shard.count === shard.index - 1);
}
