import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { comparableResults, exampleScript, missingTools, REPO, shell, TVEM_ARGS, unshardedRun, verdicts } from './scale-out-kit';

// The README's Slurm recipe, for real: this file starts a throwaway one-node Slurm cluster
// (.ci/slurm-up.sh) before its tests and always stops it afterwards (.ci/slurm-down.sh), submits
// the committed examples/slurm-array.sh as a job array, merges the four shards with the command
// the script's comment gives, and compares the result with an unsharded run of the same claims.
// TVEM_SLURM_DIR (set by .ci/scale-out.sh, which also stops the cluster on exit) names the
// cluster's folder; TVEM_SLURM_SCRIPT replaces the submitted script.

const SCRIPT = exampleScript('slurm-array.sh', 'TVEM_SLURM_SCRIPT');
const MISSING = missingTools('slurm', ['sbatch', 'sinfo', 'slurmctld', 'slurmd', 'munged'], 'apt-get install slurm-wlm munge');

describe('README recipe: tvem reproduce as a Slurm job array, then tvem merge', () => {
  const root = mkdtempSync(join(tmpdir(), 'tvem-slurm-recipe-'));
  const cluster = process.env.TVEM_SLURM_DIR || join(root, 'cluster');
  const work = join(root, 'work');
  const unsharded = join(root, 'unsharded');
  let started = false;
  let startFailure: string | undefined;

  beforeAll(() => {
    if (MISSING !== undefined) return;
    const up = shell('bash', [join(REPO, '.ci', 'slurm-up.sh'), cluster], {
      cwd: REPO,
      env: process.env,
      timeoutMs: 120_000,
    });
    started = true;
    if (up.status !== 0) startFailure = `.ci/slurm-up.sh failed (${up.status}):\n${up.output}`;
  });

  afterAll(() => {
    // Whatever happened above: cancel the jobs and stop munged, slurmctld and slurmd.
    if (started) spawnSync('bash', [join(REPO, '.ci', 'slurm-down.sh'), cluster], { stdio: 'inherit', timeout: 60_000 });
    rmSync(root, { recursive: true, force: true });
  });

  test('slurm is installed and the throwaway cluster is up', () => {
    if (MISSING !== undefined) throw new Error(MISSING);
    if (startFailure !== undefined) throw new Error(startFailure);
  });

  test('the four array tasks and the merge reproduce the unsharded results.json, apart from times', () => {
    if (MISSING !== undefined) throw new Error(MISSING);
    if (startFailure !== undefined) throw new Error(startFailure);
    mkdirSync(work, { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SLURM_CONF: join(cluster, 'slurm.conf'),
      TVEM_REPO: REPO,
      TVEM_ARGS,
    };
    delete env.SEED; // the script's default seed, as in the README

    const batch = shell('sbatch', ['--wait', `--chdir=${work}`, SCRIPT], { cwd: work, env, timeoutMs: 480_000 });
    const taskLogs = readdirSync(work)
      .filter((name) => name.endsWith('.out'))
      .sort()
      .map((name) => `--- ${name}\n${readFileSync(join(work, name), 'utf8').slice(-3000)}`)
      .join('\n');
    if (batch.status !== 0) {
      throw new Error(`sbatch --wait ${SCRIPT} failed (${batch.status}):\n${batch.output}\n${taskLogs}`);
    }
    for (const i of [1, 2, 3, 4]) {
      if (!existsSync(join(work, 'runs', `shard-${i}`, 'results.json'))) {
        throw new Error(`array task ${i} wrote no runs/shard-${i}/results.json:\n${batch.output}\n${taskLogs}`);
      }
    }

    // The merge line from the script's closing comment, run where sbatch was run.
    const mergeLine = /^#\s+(npx tvem merge .*)$/m.exec(readFileSync(SCRIPT, 'utf8'))?.[1];
    if (mergeLine === undefined) throw new Error(`${SCRIPT} does not say how to merge (# npx tvem merge …)`);
    const merge = shell('bash', ['-c', mergeLine.replace(/^npx tvem /, 'npx --prefix "$TVEM_REPO" tvem ')], {
      cwd: work,
      env,
      timeoutMs: 120_000,
    });
    if (merge.status !== 0) throw new Error(`${mergeLine} failed (${merge.status}):\n${merge.output}`);

    unshardedRun(unsharded);
    const merged = join(work, 'runs', 'merged');
    expect(verdicts(merged)).toEqual(verdicts(unsharded));
    expect(comparableResults(merged)).toEqual(comparableResults(unsharded));
  });
});
