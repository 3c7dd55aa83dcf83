import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTvem } from '../cli-process';

/** The checkout under test; the recipes run `npx --prefix $TVEM_REPO tvem …` against it. */
export const REPO = join(__dirname, '..', '..');

/** The README's default seed, which the example scripts use when SEED is unset. */
export const SEED = '20250209';

/** The cheap claims at --quick (seconds each, no tensors): enough to spread over four shards. */
export const CLAIMS = 'A1,A2,A3,D1,E2,F1';

/** What every shard gets on top of the script's own arguments (the scripts' TVEM_ARGS). */
export const TVEM_ARGS = `--quick --only ${CLAIMS}`;

/**
 * The committed example, or a stand-in named by an environment variable (how a broken copy of the
 * script is shown to fail the test without touching the committed file).
 */
export function exampleScript(name: 'slurm-array.sh' | 'parallel.sh', override: string): string {
  const given = process.env[override];
  return given !== undefined && given !== '' ? given : join(REPO, 'examples', name);
}

/**
 * Why a recipe cannot run here, or undefined when every tool is on PATH. The tests fail with this
 * message; they never skip.
 */
export function missingTools(what: string, tools: readonly string[], install: string): string | undefined {
  const path = `${process.env.PATH ?? ''}:/usr/sbin:/sbin`;
  const missing = tools.filter(
    (tool) => spawnSync('sh', ['-c', 'command -v "$0"', tool], { env: { ...process.env, PATH: path } }).status !== 0,
  );
  return missing.length === 0 ? undefined : `${what} (${missing.join(', ')}) is not installed: ${install}`;
}

/** Runs `tvem reproduce` on the same claims without sharding, into `out`. */
export function unshardedRun(out: string): void {
  const run = runTvem(['reproduce', ...TVEM_ARGS.split(' '), '--seed', SEED, '--out', out], undefined, 300_000);
  if (run.status !== 0) throw new Error(`the unsharded run failed (${run.status}):\n${run.stderr}`);
}

/** Keys whose values are times or durations: they legitimately differ between two runs. */
function isTimeKey(key: string): boolean {
  return key === 'startedAt' || key === 'finishedAt' || /seconds/i.test(key);
}

function withoutTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimes);
  if (value === null || typeof value !== 'object') return value;
  const kept: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) if (!isTimeKey(key)) kept[key] = withoutTimes(inner);
  return kept;
}

/**
 * A run's results.json without what may differ between a sharded and an unsharded run: times
 * (startedAt, finishedAt, every claim's seconds and any number named like seconds),
 * environment.gitSha (a job may run outside the checkout) and environment.peakRss (each process's own).
 */
export function comparableResults(dir: string): unknown {
  const file = join(dir, 'results.json');
  if (!existsSync(file)) throw new Error(`${file} was not written`);
  const results = withoutTimes(JSON.parse(readFileSync(file, 'utf8'))) as { environment?: Record<string, unknown> };
  if (results.environment !== undefined) {
    delete results.environment.gitSha;
    delete results.environment.peakRss;
  }
  return results;
}

/** The claim ids and verdicts of a run, for a readable first check before the full comparison. */
export function verdicts(dir: string): Record<string, string> {
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as {
    claims: { id: string; result?: { verdict: string } }[];
  };
  return Object.fromEntries(results.claims.map((claim) => [claim.id, claim.result?.verdict ?? 'none']));
}

/** The bodies of README.md's ```sh blocks in the section that starts with `heading`. */
export function readmeShellBlocks(heading: string): string[] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no section "${heading}"`);
  const next = readme.indexOf('\n## ', start + heading.length + 2);
  const section = readme.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

/** Runs a command, returning its status and its stdout then stderr (and why it was stopped, if it was). */
export function shell(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): { status: number | null; output: string } {
  const run = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env,
    encoding: 'utf8',
    timeout: options.timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const failure = run.error === undefined ? '' : `\n(${run.error.message})`;
  return { status: run.status, output: `${run.stdout ?? ''}${run.stderr ?? ''}${failure}` };
}
