import { join } from 'node:path';
import type { Matrix } from '../matrix';
import { type KernelExports, layOut, loadKernel } from './wasm-kernel';

/** The exports of point-pairs.wasm (source: point-pairs.as.ts); addresses are byte offsets. */
interface PointPairsKernel extends KernelExports {
  changed(): number;
  pass(n: number, d: number, k: number, pairs: number, centers: number, labels: number, sums: number, counts: number): number;
  squaredDistances(n: number, d: number, k: number, pairs: number, centers: number, out: number): void;
}

/** The one instance, and the pass whose arrays its memory holds now. */
const kernel = {
  exports: loadKernel<PointPairsKernel>(join(__dirname, 'point-pairs.wasm')),
  owner: undefined as object | undefined,
};

/** Copies `points` into the kernel's pair layout at `at` (point-pairs.as.ts). */
function writePairs(points: Matrix, at: number): void {
  const { rows: n, cols: d, data: x } = points;
  // An odd n's last lane 1 gets 0, a finite value that is never read.
  const pairs = new Float64Array(kernel.exports.memory.buffer, at, Math.ceil(n / 2) * d * 2).fill(0);
  for (let i = 0; i < n; i++) {
    const row = (i >> 1) * d * 2 + (i & 1);
    for (let c = 0; c < d; c++) pairs[row + 2 * c] = x[i * d + c]!;
  }
}

/** Copies each μ_a[c] twice into the kernel's center layout at `at`, after checking the shape. */
function writeCenters(centers: Matrix, at: number, k: number, d: number, owner: object): void {
  if (kernel.owner !== owner) throw new Error('this pass was superseded by a later one, which reuses its memory');
  if (centers.rows !== k || centers.cols !== d) throw new RangeError(`centers must be ${k}×${d}, got ${centers.rows}×${centers.cols}`);
  const doubled = new Float64Array(kernel.exports.memory.buffer, at, k * d * 2);
  const mu = centers.data;
  for (let j = 0; j < k * d; j++) doubled[2 * j] = doubled[2 * j + 1] = mu[j]!;
}

export interface LloydPassResult {
  /** k-means objective Σ_i min_a ‖X_i − μ_a‖² of this pass's labels against the given centers. */
  readonly objective: number;
  /** How many labels this pass changed (all of them on the first pass). */
  readonly changedLabels: number;
}

/**
 * Lloyd's fused pass (CLAIMS.md §2) over fixed points, in the wasm-SIMD kernel. Its arrays live in the
 * kernel's memory and are valid until the next `createLloydPass` or `createDistancePass`, which
 * takes that memory over.
 */
export interface LloydPass {
  /** ẑ_i of the last pass; −1 before the first. */
  readonly labels: Int32Array;
  /** k×d row-major: Σ of the points of each cluster in the last pass. */
  readonly sums: Float64Array;
  /** Number of points of each cluster in the last pass. */
  readonly counts: Int32Array;
  /**
   * Assigns every point to its nearest row of `centers` (ties to the smallest index) and fills
   * labels, sums and counts; bit-identical to the plain float64 pass.
   */
  run(centers: Matrix): LloydPassResult;
}

/** Lays out `points` (copied in once), the centers, labels, sums and counts for k clusters. */
export function createLloydPass(points: Matrix, k: number): LloydPass {
  const { rows: n, cols: d } = points;
  // With k = 0 every point still gets label 0, as in the plain pass: one spare row of sums and
  // counts keeps those writes inside the layout.
  const sumRows = Math.max(k, 1);
  const pairCount = Math.ceil(n / 2);
  const [pairsAt, centersAt, labelsAt, sumsAt, countsAt] = layOut(
    kernel.exports,
    [pairCount * d * 16, k * d * 16, n * 4, sumRows * d * 8, sumRows * 4],
    `lloyd: n = ${n}, d = ${d}, k = ${k}`,
  ) as [number, number, number, number, number];
  writePairs(points, pairsAt);
  const buffer = kernel.exports.memory.buffer;
  const sums = new Float64Array(buffer, sumsAt, sumRows * d);
  const counts = new Int32Array(buffer, countsAt, sumRows);
  const pass: LloydPass = {
    labels: new Int32Array(buffer, labelsAt, n).fill(-1),
    sums: sums.subarray(0, k * d),
    counts: counts.subarray(0, k),
    run(centers: Matrix): LloydPassResult {
      writeCenters(centers, centersAt, k, d, pass);
      sums.fill(0);
      counts.fill(0);
      const objective = kernel.exports.pass(n, d, k, pairsAt, centersAt, labelsAt, sumsAt, countsAt);
      return { objective, changedLabels: kernel.exports.changed() };
    },
  };
  kernel.owner = pass;
  return pass;
}

/** The n×k squared distances of fixed points to moving centers, in the kernel (theory/em.ts). */
export interface DistancePass {
  /** D_ia = ‖X_i − μ_a‖², bit-identical to the plain float64 loop, as a fresh n×k matrix. */
  run(centers: Matrix): Matrix;
}

/** Lays out `points` (copied in once), k centers and the n×k distances. */
export function createDistancePass(points: Matrix, k: number): DistancePass {
  const { rows: n, cols: d } = points;
  const [pairsAt, centersAt, outAt] = layOut(
    kernel.exports,
    [Math.ceil(n / 2) * d * 16, k * d * 16, n * k * 8],
    `squared distances: n = ${n}, d = ${d}, k = ${k}`,
  ) as [number, number, number];
  writePairs(points, pairsAt);
  const pass: DistancePass = {
    run(centers: Matrix): Matrix {
      writeCenters(centers, centersAt, k, d, pass);
      kernel.exports.squaredDistances(n, d, k, pairsAt, centersAt, outAt);
      return { rows: n, cols: k, data: new Float64Array(kernel.exports.memory.buffer, outAt, n * k).slice() };
    },
  };
  kernel.owner = pass;
  return pass;
}
