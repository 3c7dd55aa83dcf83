import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ClaimId } from '../../bounds/registry';
import type { FromJob, ToJob } from './claim-job';
import { largestPeakRss, ownPeakRssMiB } from './peak-rss';
import { finishedLine } from './run-claims';
import type { RunConfig } from './run-config';
import type { ClaimRecord, PeakRss } from './run-results';

/** The job's entry: registers tsx, then runs claim-job.ts. */
const JOB_ENTRY = join(__dirname, 'claim-job.cjs');
/** The pre-training worker count (model/clustering/parallel-pretraining.ts's WORKERS_ENV; not imported, as that loads tfjs). */
const WORKERS_ENV = 'TVEM_WORKERS';

/**
 * `tvem reproduce --jobs N`: runs the claims `todo` in up to N job processes at once, each job
 * taking the next claim in registry order when it is free. A job runs a claim exactly as a
 * sequential run does (runClaim: the same check on the claim's own random stream), so the records
 * equal a sequential run's apart from times. Each finished record goes to `finished` (which writes
 * its cell) and prints its line; the jobs' progress lines pass through to stderr. Unless
 * TVEM_WORKERS is set, each job pre-trains with cores / N workers. A job that dies is an error
 * naming its claim: the other jobs are stopped and the finished cells stay for --resume. Returns
 * the largest peak RSS of this process and the jobs, and of the jobs' pre-training workers.
 */
export async function runClaimsInJobs(
  todo: readonly ClaimId[],
  config: RunConfig,
  jobs: number,
  finished: (record: ClaimRecord) => void,
): Promise<PeakRss> {
  const count = Math.min(jobs, todo.length);
  if (count > 0)
    process.stderr.write(`running ${todo.length} claim${todo.length === 1 ? '' : 's'} in ${count} job process${count === 1 ? '' : 'es'}\n`);
  const peaks = await new Promise<PeakRss[]>((resolve, reject) => {
    const queue = [...todo];
    const children = new Set<ChildProcess>();
    const jobPeaks: PeakRss[] = [];
    let failure: Error | undefined;
    const killAll = () => {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    };
    const abort = (error: Error) => {
      failure ??= error;
      queue.length = 0;
      killAll();
    };
    const settle = () => {
      if (children.size > 0) return;
      process.off('exit', killAll);
      if (failure) reject(failure);
      else resolve(jobPeaks);
    };
    process.on('exit', killAll);

    for (let j = 0; j < count; j++) {
      const child = fork(JOB_ENTRY, [], {
        stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
        execArgv: [],
        env: jobEnvironment(jobs),
        serialization: 'json',
      });
      children.add(child);
      createInterface({ input: child.stderr! }).on('line', (line) => process.stderr.write(`${line}\n`));
      let current: ClaimId | undefined;
      let stopped = false;
      const next = () => {
        current = failure ? undefined : queue.shift();
        child.send((current ? { type: 'run', id: current, config } : { type: 'stop' }) satisfies ToJob);
      };
      child.on('message', (message: FromJob) => {
        try {
          if (message.type === 'finished') {
            if (message.record.id !== current)
              throw new Error(`job process ${child.pid} sent ${message.record.id} while running ${current}`);
            finished(message.record);
            process.stderr.write(finishedLine(message.record));
            next();
          } else if (message.type === 'stopped') {
            stopped = true;
            jobPeaks.push(message.peakRss);
          } else throw new Error(`job process ${child.pid} failed${current ? ` on ${current}` : ''}: ${message.message.split('\n')[0]}`);
        } catch (error) {
          abort(error instanceof Error ? error : new Error(String(error)));
        }
      });
      child.on('error', (error) => abort(new Error(`job process ${child.pid ?? '(not started)'}: ${error.message}`)));
      child.on('close', (code, signal) => {
        children.delete(child);
        if (!stopped) {
          const what = current ? `while running ${current}` : 'before finishing';
          abort(
            new Error(
              `job process ${child.pid} exited (${signal ?? `code ${code}`}) ${what}; finished claims are kept, continue with --resume`,
            ),
          );
        }
        settle();
      });
      next();
    }
    settle();
  });
  return largestPeakRss([{ processMiB: ownPeakRssMiB() }, ...peaks]);
}

/** The jobs' environment: this process's, with TVEM_WORKERS = cores / jobs (at least 1) unless it is set. */
function jobEnvironment(jobs: number): NodeJS.ProcessEnv {
  const workers = process.env[WORKERS_ENV];
  if (workers !== undefined && workers !== '') return process.env;
  return { ...process.env, [WORKERS_ENV]: String(Math.max(1, Math.floor(availableParallelism() / jobs))) };
}
