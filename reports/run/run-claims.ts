import type { ClaimId } from '../../bounds/registry';
import { type ClaimResult, scaleName } from '../claims/kit/claim-check';
import { trainingMillisecondsSoFar } from '../claims/kit/training-time';
import { CHECKS } from './claim-checks';
import { claimRecordBase } from './claim-record';
import { claimRng } from './claim-streams';
import { claimTimes } from './claim-times';
import { claimProgress } from './progress';
import { firstNonFinitePath } from './result-finiteness';
import type { RunConfig } from './run-config';
import type { ClaimRecord } from './run-results';
import { shardClaims } from './shard';

/** The implemented claims this run (its shard) runs, in registry order. */
export function claimsToRun(config: RunConfig): ClaimId[] {
  return shardClaims(
    config.only.filter((id) => CHECKS[id] !== undefined),
    config.shard,
  );
}

/**
 * Runs the claims `todo` one after the other, handing each finished record to `finished` (which
 * writes its cell) before the next starts.
 */
export async function runClaims(todo: readonly ClaimId[], config: RunConfig, finished: (record: ClaimRecord) => void): Promise<void> {
  const backend = await backendFor(todo, config);
  for (const id of todo) {
    const record = await runClaim(id, config, CHECKS[id]?.tensors ? backend : undefined);
    finished(record);
    process.stderr.write(finishedLine(record));
  }
}

/** The progress line of a finished claim: its verdict (or status and error) and its wall time. */
export function finishedLine(record: ClaimRecord): string {
  const outcome = record.status === 'implemented' ? record.result!.verdict : record.status;
  return `${record.id}: ${outcome}${record.error ? ` (${record.error})` : ''} in ${record.seconds!.toFixed(1)} s\n`;
}

/**
 * Runs one claim's check; a check that throws or yields a non-finite number is recorded as an
 * error. Its wall time is split into training (what the kit's training calls took) and evaluation.
 */
export async function runClaim(id: ClaimId, config: RunConfig, backend: string | undefined): Promise<ClaimRecord> {
  const base = { ...claimRecordBase(id, config), ...(backend ? { backend } : {}) };
  const progress = claimProgress(id);
  const started = performance.now();
  const trainedBefore = trainingMillisecondsSoFar();
  const times = () => claimTimes(performance.now() - started, trainingMillisecondsSoFar() - trainedBefore);
  try {
    const check = CHECKS[id]!.load();
    const result: ClaimResult = await check.run({
      seed: config.seed,
      rng: claimRng(config.seed, id),
      quick: config.quick,
      scale: check.scales[scaleName(config.quick)],
      progress,
      ...(config.steps?.[id] ? { steps: config.steps[id] } : {}),
    });
    const bad = firstNonFinitePath(result);
    if (bad) return { ...base, status: 'error', error: `the check produced a non-finite number at ${bad}`, ...times() };
    return { ...base, status: 'implemented', result, ...times() };
  } catch (error) {
    return { ...base, status: 'error', error: error instanceof Error ? error.message : String(error), ...times() };
  } finally {
    progress.stop();
  }
}

/** Loads a tfjs backend only when a claim to run needs tensors. */
export async function backendFor(todo: readonly ClaimId[], config: RunConfig): Promise<string | undefined> {
  if (!todo.some((id) => CHECKS[id]?.tensors)) return undefined;
  const { initBackend } = require('../../model/backend') as typeof import('../../model/backend');
  return initBackend(config.backend);
}
