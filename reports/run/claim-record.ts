import { type ClaimId, claimEntry } from '../../bounds/registry';
import type { RunConfig } from './run-config';

/** The command that replays one claim of a run on its own (each claim's stream depends only on the seed and its id). */
export function replayCommand(id: ClaimId, config: RunConfig): string {
  return `npx tvem reproduce --only ${id} --seed ${config.seed}${config.quick ? ' --quick' : ''}`;
}

/** The fields of a claim's row in results.json that come from the registry and the run, whatever its status. */
export function claimRecordBase(id: ClaimId, config: RunConfig) {
  const entry = claimEntry(id);
  return {
    id,
    title: entry.title,
    statement: entry.statement,
    provenance: entry.provenance,
    kind: entry.kind,
    replay: replayCommand(id, config),
  };
}
