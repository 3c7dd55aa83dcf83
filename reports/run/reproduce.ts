import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLAIM_IDS, CLAIMS, type ClaimId, claimEntry } from '../../bounds/registry';
import { writeFileAtomic } from '../../model/atomic-file';
import { Rng } from '../../theory/rng';
import { InputError } from '../../theory/validate';
import { type ClaimResult, scaleName } from '../claims/kit/claim-check';
import { validateClaimRecord, validateResults } from '../render/validate-results';
import { writeReport } from '../render/write-report';
import { CHECKS } from './claim-checks';
import { runEnvironment } from './environment';
import { claimProgress } from './progress';
import { firstNonFinitePath } from './result-finiteness';
import { type RunConfig, RunConfigSchema, shardClaims } from './run-config';
import type { ClaimRecord, RunResults } from './run-results';

const CELLS = 'cells';

/** The command that replays one claim of a run on its own (each claim's stream depends only on the seed and its id). */
export function replayCommand(id: ClaimId, config: RunConfig): string {
  return `npx tvem reproduce --only ${id} --seed ${config.seed}${config.quick ? ' --quick' : ''}`;
}

/** The claim's own random stream: split from the run seed by its position in the registry. */
function claimRng(seed: number, id: ClaimId): Rng {
  return new Rng(seed).split(CLAIM_IDS.indexOf(id));
}

export function claimsToRun(config: RunConfig): ClaimId[] {
  return shardClaims(
    config.only.filter((id) => CHECKS[id] !== undefined),
    config.shard,
  );
}

/** Runs one claim's check; a check that throws or yields a non-finite number is recorded as an error. */
export async function runClaim(id: ClaimId, config: RunConfig, backend: string | undefined): Promise<ClaimRecord> {
  const base = { ...recordBase(id, config), ...(backend ? { backend } : {}) };
  const progress = claimProgress(id);
  const started = Date.now();
  try {
    const check = CHECKS[id]!.load();
    const result: ClaimResult = await check.run({
      seed: config.seed,
      rng: claimRng(config.seed, id),
      quick: config.quick,
      scale: check.scales?.[scaleName(config.quick)],
      progress,
    });
    const seconds = (Date.now() - started) / 1000;
    const bad = firstNonFinitePath(result);
    if (bad) return { ...base, status: 'error', error: `the check produced a non-finite number at ${bad}`, seconds };
    return { ...base, status: 'implemented', result, seconds };
  } catch (error) {
    return {
      ...base,
      status: 'error',
      error: error instanceof Error ? error.message : String(error),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    progress.stop();
  }
}

function recordBase(id: ClaimId, config: RunConfig) {
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

/**
 * Assembles results.json from the finished cells, in registry order. The environment's backend
 * is the one the tensor checks ran on ('none' when no check used tensors).
 */
export function assembleResults(config: RunConfig, cells: ReadonlyMap<ClaimId, ClaimRecord>, startedAt: string): RunResults {
  const claims = CLAIM_IDS.map((id): ClaimRecord => {
    const entry = CLAIMS[id];
    const cell = cells.get(entry.id);
    if (cell) return cell;
    return { ...recordBase(entry.id, config), status: CHECKS[entry.id] === undefined ? 'not implemented' : 'not selected' };
  });
  const backends = [...new Set(claims.flatMap((c) => (c.backend ? [c.backend] : [])))];
  const backend = backends.length > 0 ? backends.join('+') : 'none';
  return {
    schemaVersion: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    seed: config.seed,
    quick: config.quick,
    environment: runEnvironment(backend),
    claims,
  };
}

export function readRunConfig(dir: string): RunConfig {
  const path = join(dir, 'run.json');
  if (!existsSync(path)) throw new InputError(`${dir} is not a tvem run directory (no run.json)`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new InputError(`${path} is corrupted (not JSON)`);
  }
  const parsed = RunConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new InputError(`${path} is not a tvem run config: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Reads the finished cells of a run directory, rejecting corrupted or foreign ones. */
export function readCells(dir: string): Map<ClaimId, ClaimRecord> {
  const cells = new Map<ClaimId, ClaimRecord>();
  const folder = join(dir, CELLS);
  if (!existsSync(folder)) return cells;
  for (const name of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
    const path = join(folder, name);
    let record: ClaimRecord;
    try {
      record = validateClaimRecord(JSON.parse(readFileSync(path, 'utf8')));
    } catch (error) {
      throw new InputError(`${path} is corrupted: ${error instanceof SyntaxError ? 'not JSON' : (error as Error).message}`);
    }
    if (`${record.id}.json` !== name) throw new InputError(`${path} holds claim ${record.id}, not ${name.replace('.json', '')}`);
    cells.set(record.id, record);
  }
  return cells;
}

export interface ReproduceOutcome {
  readonly results: RunResults;
  readonly exitCode: 0 | 1 | 2;
}

/**
 * Exit code of a run (issue 6): 2 when a check errored; 1 when a claim whose kind is not 'trend'
 * is violated; else 0. A violated trend claim (CLAIMS.md §3: a verdict but no hard test failure) is
 * still shown as violated in the report but does not fail the run.
 */
export function exitCodeOf(results: RunResults): 0 | 1 | 2 {
  if (results.claims.some((c) => c.status === 'error')) return 2;
  if (results.claims.some((c) => c.kind !== 'trend' && c.result?.verdict === 'violated')) return 1;
  return 0;
}

/**
 * `tvem reproduce`: runs the selected claims' checks (skipping cells already finished in
 * `out` when resuming), writing each cell atomically as it finishes, then the results and reports.
 */
export async function reproduce(config: RunConfig, out: string, resume: boolean): Promise<ReproduceOutcome> {
  const startedAt = new Date().toISOString();
  prepareOutputDir(out, config, resume);
  const cells = resume ? readCells(out) : new Map<ClaimId, ClaimRecord>();
  const todo = claimsToRun(config).filter((id) => !cells.has(id));
  const backend = await backendFor(todo, config);
  for (const id of todo) {
    const record = await runClaim(id, config, CHECKS[id]?.tensors ? backend : undefined);
    writeFileAtomic(join(out, CELLS, `${id}.json`), `${JSON.stringify(record, null, 2)}\n`);
    cells.set(id, record);
    process.stderr.write(
      `${id}: ${record.status === 'implemented' ? record.result!.verdict : record.status}${record.error ? ` (${record.error})` : ''} in ${record.seconds!.toFixed(1)} s\n`,
    );
  }
  const results = assembleResults(config, cells, startedAt);
  await writeReport(out, results);
  return { results, exitCode: exitCodeOf(results) };
}

function prepareOutputDir(out: string, config: RunConfig, resume: boolean): void {
  if (resume) {
    const saved = readRunConfig(out);
    if (saved.seed !== config.seed || saved.quick !== config.quick) {
      throw new InputError(
        `--resume ${out}: that run used seed ${saved.seed}${saved.quick ? ' --quick' : ''}; resume it with the same flags`,
      );
    }
    return;
  }
  try {
    mkdirSync(out, { recursive: true });
    writeFileAtomic(join(out, 'run.json'), `${JSON.stringify(config, null, 2)}\n`);
  } catch (error) {
    throw new InputError(`--out ${out} is not writable (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Loads a tfjs backend only when a claim to run needs tensors. */
async function backendFor(todo: readonly ClaimId[], config: RunConfig): Promise<string | undefined> {
  if (!todo.some((id) => CHECKS[id]?.tensors)) return undefined;
  const { initBackend } = require('../../model/backend') as typeof import('../../model/backend');
  return initBackend(config.backend);
}

/**
 * `tvem merge`: combines the cells of shard runs of one configuration into one report. Every
 * shard must share the seed, scale and claim selection, and together they must cover every claim.
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
  dirs.forEach((dir) => readCells(dir).forEach((record, id) => cells.set(id, record)));
  const config: RunConfig = { ...first, shard: { index: 1, count: 1 } };
  const missing = claimsToRun(config).filter((id) => !cells.has(id));
  if (missing.length > 0)
    throw new InputError(`the directories given lack results for ${missing.join(',')}: merge every shard, each finished`);
  prepareOutputDir(out, config, false);
  for (const record of cells.values()) writeFileAtomic(join(out, CELLS, `${record.id}.json`), `${JSON.stringify(record, null, 2)}\n`);
  const startedAt = dirs.map((dir) => readStartedAt(dir)).sort()[0] ?? new Date().toISOString();
  const results = assembleResults(config, cells, startedAt);
  await writeReport(out, results);
  return { results, exitCode: exitCodeOf(results) };
}

function readStartedAt(dir: string): string | undefined {
  try {
    return validateResults(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'))).startedAt;
  } catch {
    return undefined;
  }
}
