import { alternateMedians } from './alternate-medians';
import { BENCH_CLUSTERS, BENCH_DIMENSION, BENCH_ITERATIONS, type BenchDataset } from './bench-dataset';
import { type BenchRow, measuredRow, skippedRow } from './bench-row';
import { startScikitLearnSide, startTheorySide } from './bench-workers';
import { missingPeerMessage, peerVersion, SCIKIT_LEARN } from './peers';

/** Issue #7's targets: our time per iteration over scikit-learn's. */
export const LLOYD_TARGET = 1.5;
export const EM_TARGET = 2;

const MS = 'ms/iteration';

function shape(n: number): string {
  return `n = ${n.toExponential(0).replace('+', '')}, d = ${BENCH_DIMENSION}, k = ${BENCH_CLUSTERS}`;
}

function rowNames(n: number): { lloyd: string; em: string; memory: string } {
  const size = `n=${n.toExponential(0).replace('+', '')}`;
  return { lloyd: `Lloyd ${size}`, em: `EM ${size}`, memory: `peak RSS ${size}` };
}

/**
 * Lloyd, EM and peak-memory rows for one dataset: theory/ against scikit-learn, each side in its
 * own fresh process (so peak RSS belongs to this n alone), timed inside that process.
 * Without scikit-learn the rows are skipped with the install hint.
 */
export async function compareWithScikitLearn(
  dataset: BenchDataset,
  repeats: number,
): Promise<{ rows: BenchRow[]; scikitLearn?: Record<string, unknown> }> {
  const names = rowNames(dataset.n);
  if (peerVersion(SCIKIT_LEARN) === undefined) {
    const why = `skipped: ${missingPeerMessage(SCIKIT_LEARN)}`;
    return {
      rows: [
        skippedRow(names.lloyd, MS, why, LLOYD_TARGET),
        skippedRow(names.em, MS, why, EM_TARGET),
        skippedRow(names.memory, 'MiB', why),
      ],
    };
  }
  const ours = startTheorySide();
  const reference = startScikitLearnSide();
  try {
    const scikitLearn = await reference.describe();
    const oursIdle = await ours.peakRssMiB();
    const referenceIdle = await reference.peakRssMiB();
    const time = async (op: 'lloyd' | 'em'): Promise<{ ours: number; reference: number }> => {
      const request = { ...dataset, op, maxIterations: BENCH_ITERATIONS };
      const seconds = await alternateMedians(
        repeats,
        () => ours.secondsPerIteration(request),
        () => reference.secondsPerIteration(request),
      );
      return { ours: seconds.ours * 1000, reference: seconds.reference * 1000 };
    };
    const lloyd = await time('lloyd');
    const em = await time('em');
    const oursPeak = await ours.peakRssMiB();
    const referencePeak = await reference.peakRssMiB();
    const threads = `one thread each (scikit-learn pools ${JSON.stringify(scikitLearn.threads)})`;
    const common = `${shape(dataset.n)}, same k-means++ init, ≤ ${BENCH_ITERATIONS} iterations, median of ${repeats} alternating repeats; ${threads}`;
    const rows = [
      measuredRow(
        names.lloyd,
        lloyd.ours,
        lloyd.reference,
        MS,
        `theory/lloyd.ts (its pass a wasm-SIMD kernel, theory/wasm/point-pairs.as.ts, bit-identical to plain float64) vs KMeans(algorithm="lloyd", n_init=1, tol=0); ${common}`,
        LLOYD_TARGET,
      ),
      measuredRow(
        names.em,
        em.ours,
        em.reference,
        MS,
        `theory/em.ts (per-cluster; its squared distances in the same wasm-SIMD kernel, bit-identical) vs GaussianMixture(covariance_type="spherical", reg_covar=0, tol=0), scikit-learn's fit time includes one initial parameter estimate; ${common}`,
        EM_TARGET,
      ),
      measuredRow(
        names.memory,
        oursPeak,
        referencePeak,
        'MiB',
        `peak RSS of each side's process after the Lloyd and EM fits (node maxRSS, Python getrusage); at start-up, before loading the points: ours ${oursIdle.toFixed(0)} MiB, scikit-learn ${referenceIdle.toFixed(0)} MiB`,
      ),
    ];
    return { rows, scikitLearn };
  } finally {
    await Promise.all([ours.close(), reference.close()]);
  }
}
