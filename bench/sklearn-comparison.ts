import { alternateMedians } from './alternate-medians';
import { BENCH_CLUSTERS, BENCH_DIMENSION, BENCH_ITERATIONS, type BenchDataset } from './bench-dataset';
import { type BenchRow, measuredRow, skippedRow } from './bench-row';
import { startScikitLearnSide, startTheorySide } from './bench-workers';
import { missingPeerMessage, peerVersion, SCIKIT_LEARN } from './peers';

/**
 * Issue #15's targets (raised from issue #7's 1.5 and 2): our time per iteration over
 * scikit-learn's, at n = 1e4 and 1e5, with results still bit-identical to plain float64.
 */
export const LLOYD_TARGET = 1.0;
export const EM_TARGET = 1.25;

const MS = 'ms/iteration';

/**
 * Which BLAS kernel numpy ran, from the peer's `hello` (threadpoolctl), and any OPENBLAS_CORETYPE or
 * OPENBLAS_L2_SIZE the peer removed from its environment before loading it.
 */
function blasKernel(hello: Record<string, unknown>): string {
  const pools = Array.isArray(hello.blas) ? (hello.blas as Record<string, unknown>[]) : [];
  const kernels = pools.map((pool) =>
    `${pool.internal_api} ${pool.version ?? ''} ${pool.architecture ?? 'unknown'} kernel`.replace(/ +/g, ' '),
  );
  const unset = Object.entries((hello.unsetEnvironment ?? {}) as Record<string, unknown>).map(([name, value]) => `${name}=${value}`);
  return `numpy BLAS: ${kernels.length > 0 ? kernels.join(', ') : 'not reported'}; ${unset.length > 0 ? `unset for the peer: ${unset.join(', ')}` : 'no OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE set'}`;
}

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
    const threads = `one thread each (scikit-learn pools ${JSON.stringify(scikitLearn.threads)}; ${blasKernel(scikitLearn)})`;
    const common = `${shape(dataset.n)}, same k-means++ init, ≤ ${BENCH_ITERATIONS} iterations, median of ${repeats} alternating repeats; ${threads}`;
    const rows = [
      measuredRow(
        names.lloyd,
        lloyd.ours,
        lloyd.reference,
        MS,
        `theory/lloyd.ts (its fused pass a wasm-SIMD kernel, theory/wasm/point-pairs.as.ts, bit-identical to plain float64) vs KMeans(algorithm="lloyd", n_init=1, tol=0); ${common}`,
        LLOYD_TARGET,
      ),
      measuredRow(
        names.em,
        em.ours,
        em.reference,
        MS,
        `theory/em.ts (per-cluster; distances, E-step and M-step sums in the same wasm-SIMD kernel over resident arrays, its exp V8's Math.exp ported bit for bit; bit-identical to plain float64) vs GaussianMixture(covariance_type="spherical", reg_covar=0, tol=0), scikit-learn's fit time includes one initial parameter estimate; ${common}`,
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
