import { z } from 'zod';
import { CLAIM_IDS, type ClaimId } from '../../bounds/registry';
import { BACKENDS } from '../../model/backend-names';
import { InputError } from '../../theory/validate';

/** The resolved configuration of one `tvem reproduce` run, saved as run.json beside its results. */
export const RunConfigSchema = z.object({
  seed: z.number().int().min(0).max(0xffffffff),
  quick: z.boolean(),
  only: z.array(z.enum(CLAIM_IDS)),
  shard: z.object({ index: z.number().int().min(1), count: z.number().int().min(1) }),
  backend: z.enum(BACKENDS).optional(),
});
export type RunConfig = z.infer<typeof RunConfigSchema>;

/** The default seed of `npm run reproduce`, so that the default run is reproducible. */
export const DEFAULT_SEED = 20250209;

export function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(seed) || seed > 0xffffffff) {
    throw new InputError(`--seed must be an integer in [0, 4294967295], got ${JSON.stringify(text)}`);
  }
  return seed;
}

/** Parses `--only A1,B2`; unknown ids are an error naming them. */
export function parseClaimIds(text: string): ClaimId[] {
  const ids = text
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s.length > 0);
  const unknown = ids.filter((id) => !(CLAIM_IDS as readonly string[]).includes(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new InputError(
      `--only must list claim ids from ${CLAIM_IDS.join(',')}, got unknown ${JSON.stringify(unknown.length ? unknown.join(',') : text)}`,
    );
  }
  return [...new Set(ids)] as ClaimId[];
}

/** Parses `--shard i/N` with 1 ≤ i ≤ N. */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count) {
    throw new InputError(`--shard must be i/N with 1 <= i <= N, got ${JSON.stringify(text)}`);
  }
  return { index, count };
}

/** The claims of shard i/N: a deterministic round-robin over the selected claims in registry order. */
export function shardClaims(selected: readonly ClaimId[], shard: { index: number; count: number }): ClaimId[] {
  return selected.filter((_, position) => position % shard.count === shard.index - 1);
}
