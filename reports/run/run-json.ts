import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from '../../model/atomic-file';
import { InputError } from '../../theory/validate';
import { type RunConfig, RunConfigSchema } from './run-config';
import { type ResolvedScales, ResolvedScalesSchema } from './scales';

const RUN_JSON = 'run.json';

/**
 * run.json, saved in a run directory before any claim runs: the run's configuration and, beside
 * it, the scale each selected claim resolved to (informational: resume and merge compare only the
 * configuration). Older run directories have no `scales`.
 */
export const RunJsonSchema = RunConfigSchema.extend({ scales: ResolvedScalesSchema.optional() });
export type RunJson = z.infer<typeof RunJsonSchema>;

/** Reads a run directory's run.json; a missing, corrupted or foreign one is an InputError naming it. */
export function readRunConfig(dir: string): RunJson {
  const path = join(dir, RUN_JSON);
  if (!existsSync(path)) throw new InputError(`${dir} is not a tvem run directory (no run.json)`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new InputError(`${path} is corrupted (not JSON)`);
  }
  const parsed = RunJsonSchema.safeParse(raw);
  if (!parsed.success)
    throw new InputError(`${path} is not a tvem run config: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Creates the run directory `out` (if need be) and writes its run.json; an unwritable `out` is an InputError. */
export function writeRunJson(out: string, config: RunConfig, scales: ResolvedScales): void {
  const { seed, quick, only, steps, shard, backend } = config;
  const runJson: RunJson = { seed, quick, only, ...(steps ? { steps } : {}), shard, ...(backend ? { backend } : {}), scales };
  try {
    mkdirSync(out, { recursive: true });
    writeFileAtomic(join(out, RUN_JSON), `${JSON.stringify(runJson, null, 2)}\n`);
  } catch (error) {
    throw new InputError(`--out ${out} is not writable (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
