import { z } from 'zod';
import { CLAIM_IDS, CLAIMS, type ClaimId } from '../../bounds/registry';
import { BACKENDS } from '../../model/backend-names';
import { InputError } from '../../theory/validate';
import { ShardSchema } from './shard';

export { parseShard } from './shard';

/** The configuration of one `tvem reproduce` run, as given on the command line (saved in run.json, see run-json.ts). */
export const RunConfigSchema = z.object({
  seed: z.number().int().min(0).max(0xffffffff),
  quick: z.boolean(),
  only: z.array(z.enum(CLAIM_IDS)),
  /** `--only B2.3`: per claim, the proof steps to check (a claim absent here checks all its steps). */
  steps: z.partialRecord(z.enum(CLAIM_IDS), z.array(z.string()).min(1)).optional(),
  shard: ShardSchema,
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

/** What `--only` selects: claims, and for a claim named only by step ids, those steps. */
export interface ClaimSelection {
  readonly only: ClaimId[];
  readonly steps?: Partial<Record<ClaimId, string[]>>;
}

/** The proof step ids of the registry (B2.1 …), by claim. */
function stepIdsOf(id: ClaimId): string[] {
  const entry = CLAIMS[id] as { readonly steps?: readonly { readonly id: string }[] };
  return (entry.steps ?? []).map((s) => s.id);
}

/**
 * Parses `--only A1,B2,C2.3`: claim ids, and step ids (`<claim>.<n>`) that select their claim with
 * only those steps checked; a claim also named by its own id checks all its steps. Unknown claim
 * or step ids are one error naming them.
 */
export function parseClaimSelection(text: string): ClaimSelection {
  const ids = text
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s.length > 0);
  const claimOf = (id: string) => id.split('.')[0]!;
  const isStep = (id: string) => id.includes('.');
  const unknown = ids.filter((id) =>
    isStep(id)
      ? !(CLAIM_IDS as readonly string[]).includes(claimOf(id)) || !stepIdsOf(claimOf(id) as ClaimId).includes(id)
      : !(CLAIM_IDS as readonly string[]).includes(id),
  );
  if (ids.length === 0 || unknown.length > 0) {
    const steps = unknown.filter(isStep);
    const what = steps.length === unknown.length && steps.length > 0 ? 'step ids' : 'claim ids';
    throw new InputError(
      `--only must list claim ids from ${CLAIM_IDS.join(',')} or their proof step ids (e.g. B2.3), got unknown ${what} ${JSON.stringify(unknown.length ? unknown.join(',') : text)}`,
    );
  }
  const only = [...new Set(ids.map(claimOf))] as ClaimId[];
  const steps: Partial<Record<ClaimId, string[]>> = {};
  for (const id of only) {
    if (ids.includes(id)) continue;
    steps[id] = stepIdsOf(id).filter((s) => ids.includes(s));
  }
  return Object.keys(steps).length > 0 ? { only, steps } : { only };
}

/** Parses `--only A1,B2` (claim ids only); unknown ids are an error naming them. */
export function parseClaimIds(text: string): ClaimId[] {
  const selection = parseClaimSelection(text);
  if (selection.steps !== undefined)
    throw new InputError(`--only must list claim ids here, got step ids ${Object.values(selection.steps).flat().join(',')}`);
  return selection.only;
}
