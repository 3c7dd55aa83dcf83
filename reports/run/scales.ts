import { z } from 'zod';
import { CLAIM_IDS, type ClaimId } from '../../bounds/registry';
import { type ClaimCheck, scaleName } from '../claims/kit/claim-check';
import { CHECKS, type CheckEntry } from './claim-checks';

/** The scale each claim of a run resolved to (`scales.quick` or `scales.default` of its check), saved in run.json. */
export const ResolvedScalesSchema = z.partialRecord(z.enum(CLAIM_IDS), z.unknown());
export type ResolvedScales = z.infer<typeof ResolvedScalesSchema>;

/**
 * The resolved scale of each claim in `ids` whose check declares scales, loading each check (it is
 * about to run). A check that fails to load is left out: running it records the error.
 */
export function resolveScales(
  ids: readonly ClaimId[],
  quick: boolean,
  checks: Partial<Record<ClaimId, CheckEntry>> = CHECKS,
): ResolvedScales {
  const scales: ResolvedScales = {};
  for (const id of ids) {
    let check: ClaimCheck | undefined;
    try {
      check = checks[id]?.load();
    } catch {
      continue;
    }
    const scale = check?.scales[scaleName(quick)];
    if (scale !== undefined) scales[id] = scale;
  }
  return inRegistryOrder(scales);
}

/** The same scales, keyed in registry order (so run.json reads A1, A2, … whatever order they were gathered in). */
export function inRegistryOrder(scales: ResolvedScales): ResolvedScales {
  const ordered: ResolvedScales = {};
  for (const id of CLAIM_IDS) if (scales[id] !== undefined) ordered[id] = scales[id];
  return ordered;
}
