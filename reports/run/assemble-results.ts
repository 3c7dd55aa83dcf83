import { CLAIM_IDS, type ClaimId } from '../../bounds/registry';
import { CHECKS } from './claim-checks';
import { claimRecordBase } from './claim-record';
import { runEnvironment } from './environment';
import type { RunConfig } from './run-config';
import type { ClaimRecord, PeakRss, RunResults } from './run-results';

/**
 * Assembles results.json from the finished cells, in registry order. The environment's backend
 * is the one the tensor checks ran on ('none' when no check used tensors).
 */
export function assembleResults(
  config: RunConfig,
  cells: ReadonlyMap<ClaimId, ClaimRecord>,
  startedAt: string,
  peakRss: PeakRss | undefined,
): RunResults {
  const claims = CLAIM_IDS.map((id): ClaimRecord => {
    const cell = cells.get(id);
    if (cell) return cell;
    return { ...claimRecordBase(id, config), status: CHECKS[id] === undefined ? 'not implemented' : 'not selected' };
  });
  const backends = [...new Set(claims.flatMap((c) => (c.backend ? [c.backend] : [])))];
  const backend = backends.length > 0 ? backends.join('+') : 'none';
  return {
    schemaVersion: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    seed: config.seed,
    quick: config.quick,
    environment: runEnvironment(backend, peakRss),
    claims,
  };
}
