import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimId } from '../../bounds/registry';
import { InputError } from '../../theory/validate';
import { validateResults } from '../render/validate-results';
import { assembleResults } from './assemble-results';
import { readCells, writeCell } from './cells';
import { finishRun, type ReproduceOutcome } from './outcome';
import { largestPeakRss } from './peak-rss';
import { claimsToRun } from './run-claims';
import type { RunConfig } from './run-config';
import { readRunConfig, writeRunJson } from './run-json';
import type { ClaimRecord, RunResults } from './run-results';
import { inRegistryOrder, type ResolvedScales } from './scales';
import { WHOLE_RUN } from './shard';

/**
 * `tvem merge`: combines the cells of shard runs of one configuration into one report. Every
 * shard must share the seed, scale and claim selection, and together they must cover every claim.
 * The merged run.json holds each claim's scale as saved by the shard its cell came from; the
 * merged results start when the first shard started, and their peak RSS is the largest shard's
 * (absent when a shard's results.json lacks it).
 */
export async function merge(dirs: readonly string[], out: string): Promise<ReproduceOutcome> {
  if (dirs.length === 0) throw new InputError('merge needs at least one run directory');
  const configs = dirs.map(readRunConfig);
  const first = configs[0]!;
  configs.forEach((c, i) => {
    if (
      c.seed !== first.seed ||
      c.quick !== first.quick ||
      c.only.join(',') !== first.only.join(',') ||
      c.shard.count !== first.shard.count
    ) {
      throw new InputError(`${dirs[i]} is from a different run than ${dirs[0]} (seed, --quick, --only and the shard count must match)`);
    }
  });
  const cells = new Map<ClaimId, ClaimRecord>();
  const scales: ResolvedScales = {};
  dirs.forEach((dir, i) =>
    readCells(dir).forEach((record, id) => {
      cells.set(id, record);
      const scale = configs[i]!.scales?.[id];
      if (scale === undefined) delete scales[id];
      else scales[id] = scale;
    }),
  );
  const config: RunConfig = { ...first, shard: WHOLE_RUN };
  const missing = claimsToRun(config).filter((id) => !cells.has(id));
  if (missing.length > 0)
    throw new InputError(`the directories given lack results for ${missing.join(',')}: merge every shard, each finished`);
  writeRunJson(out, config, inRegistryOrder(scales));
  for (const record of cells.values()) writeCell(out, record);
  const shardResults = dirs.map(readShardResults);
  const startedAt = shardResults.flatMap((r) => (r ? [r.startedAt] : [])).sort()[0] ?? new Date().toISOString();
  const peaks = shardResults.map((r) => r?.environment.peakRss);
  const peakRss = peaks.every((p) => p !== undefined) ? largestPeakRss(peaks) : undefined;
  return finishRun(out, assembleResults(config, cells, startedAt, peakRss));
}

/** A shard's results.json, if it has a valid one. */
function readShardResults(dir: string): RunResults | undefined {
  try {
    return validateResults(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')));
  } catch {
    return undefined;
  }
}
