import { join } from 'node:path';
import type { FitRequest } from './bench-dataset';
import { LineWorker } from './line-worker';
import { PEER_SCRIPTS, SCIKIT_LEARN } from './peers';

/** What one side of the bench answers: a fit's own timing, and its process's peak RSS. */
export interface BenchSide {
  readonly label: string;
  /** Versions and thread pools, as the side reports them. */
  describe(): Promise<Record<string, unknown>>;
  /** Seconds per iteration of one fit, timed inside the side's own process. */
  secondsPerIteration(request: FitRequest): Promise<number>;
  /** Peak resident set size of the side's process so far, in MiB. */
  peakRssMiB(): Promise<number>;
  close(): Promise<void>;
}

function sideOf(label: string, worker: LineWorker): BenchSide {
  return {
    label,
    describe: () => worker.request({ op: 'hello' }),
    async secondsPerIteration(request) {
      const reply = await worker.request({ ...request });
      const seconds = Number(reply.seconds);
      const iterations = Number(reply.iterations);
      if (!(seconds > 0) || !(iterations >= 1)) throw new Error(`${label} answered ${JSON.stringify(reply)} to a ${request.op} fit`);
      return seconds / iterations;
    },
    async peakRssMiB() {
      const reply = await worker.request({ op: 'memory' });
      return Number(reply.maxRssKiB) / 1024;
    },
    close: () => worker.close(),
  };
}

/** Our float64 theory/ code in a child node process (theory-worker.ts through tsx). */
export function startTheorySide(): BenchSide {
  return sideOf(
    'theory',
    new LineWorker('theory', process.execPath, ['--require', require.resolve('tsx/cjs'), join(__dirname, 'theory-worker.ts')]),
  );
}

/**
 * scikit-learn in a persistent Python process (peers/sklearn_worker.py). The worker removes
 * OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE from its own environment before numpy loads OpenBLAS, so
 * they apply to no peer run, and reports the BLAS kernel that runs in `describe()` (issue 15).
 */
export function startScikitLearnSide(): BenchSide {
  return sideOf('scikit-learn', new LineWorker('scikit-learn', SCIKIT_LEARN.command, [join(PEER_SCRIPTS, 'sklearn_worker.py')]));
}
