import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { comparableResults, exampleScript, missingTools, REPO, shell, TVEM_ARGS, unshardedRun, verdicts } from './scale-out-kit';

// The README's local GNU parallel recipe, for real: the committed examples/parallel.sh runs the
// four shards with `parallel ::: 1 2 3 4` on this machine and merges them; the merged results.json
// must equal an unsharded run of the same claims apart from times. TVEM_PARALLEL_SCRIPT replaces
// the script that is run.

const SCRIPT = exampleScript('parallel.sh', 'TVEM_PARALLEL_SCRIPT');
const MISSING = missingTools('GNU parallel', ['parallel'], 'apt-get install parallel');

describe('README recipe: tvem reproduce in four shards with GNU parallel, then tvem merge', () => {
  const root = mkdtempSync(join(tmpdir(), 'tvem-parallel-recipe-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('the four shards and the merge reproduce the unsharded results.json, apart from times', () => {
    if (MISSING !== undefined) throw new Error(MISSING);
    const work = join(root, 'work');
    mkdirSync(work);
    const env: NodeJS.ProcessEnv = { ...process.env, TVEM_REPO: REPO, TVEM_ARGS };
    delete env.SEED; // the script's default seed, as in the README

    const run = shell('bash', [SCRIPT], { cwd: work, env, timeoutMs: 480_000 });
    if (run.status !== 0) throw new Error(`bash ${SCRIPT} failed (${run.status}):\n${run.output.slice(-6000)}`);
    for (const i of [1, 2, 3, 4]) {
      if (!existsSync(join(work, 'runs', `shard-${i}`, 'results.json'))) {
        throw new Error(`shard ${i} wrote no runs/shard-${i}/results.json:\n${run.output.slice(-6000)}`);
      }
    }

    const unsharded = join(root, 'unsharded');
    unshardedRun(unsharded);
    const merged = join(work, 'runs', 'merged');
    expect(verdicts(merged)).toEqual(verdicts(unsharded));
    expect(comparableResults(merged)).toEqual(comparableResults(unsharded));
  });
});
