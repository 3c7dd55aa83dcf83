import { join } from 'node:path';
import type { Matrix } from '../matrix';
import { type KernelExports, layOut, loadKernel } from './wasm-kernel';

/** The exports of point-pairs.wasm (source: point-pairs.as.ts); addresses are byte offsets. */
interface PointPairsKernel extends KernelExports {
  layPairs(n: number, d: number, rows: number, pairs: number): number;
  changed(): number;
  pass(n: number, d: number, k: number, pairs: number, centers: number, labels: number, sums: number, counts: number): number;
  squaredDistances(n: number, d: number, k: number, pairs: number, centers: number, out: number): void;
  distancesAndSpread(n: number, d: number, k: number, pairs: number, centers: number, out: number, w: number, spread: number): void;
  weightedSums(n: number, d: number, k: number, points: number, w: number, sums: number, mass: number): void;
  eStep(
    n: number,
    k: number,
    distances: number,
    w: number,
    logWeights: number,
    halfPrecisions: number,
    rowMax: number,
    rowTotal: number,
  ): void;
  expInto(count: number, x: number, out: number): void;
}

/** The one instance, and the pass whose arrays its memory holds now. */
const kernel = {
  exports: loadKernel<PointPairsKernel>(join(__dirname, 'point-pairs.wasm')),
  owner: undefined as object | undefined,
};

/**
 * Copies `points` row-major to `rowsAt` and from there into the kernel's pair layout at `at`
 * (point-pairs.as.ts); true when every coordinate is finite (checked on the way, so that the
 * callers' input validation needs no pass of its own).
 */
function writePairs(points: Matrix, at: number, rowsAt: number): boolean {
  const { rows: n, cols: d, data } = points;
  new Float64Array(kernel.exports.memory.buffer, rowsAt, n * d).set(data.subarray(0, n * d));
  return kernel.exports.layPairs(n, d, rowsAt, at) < 0 && data.length === n * d;
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
  /** Whether every coordinate of the points is finite (checked while copying them in). */
  readonly pointsFinite: boolean;
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
  // The points pass through the last array, row-major, on their way into the pair layout.
  const [pairsAt, centersAt, labelsAt, sumsAt, countsAt, rowsAt] = layOut(
    kernel.exports,
    [pairCount * d * 16, k * d * 16, n * 4, sumRows * d * 8, sumRows * 4, n * d * 8],
    `lloyd: n = ${n}, d = ${d}, k = ${k}`,
  ) as [number, number, number, number, number, number];
  const pointsFinite = writePairs(points, pairsAt, rowsAt);
  const buffer = kernel.exports.memory.buffer;
  const sums = new Float64Array(buffer, sumsAt, sumRows * d);
  const counts = new Int32Array(buffer, countsAt, sumRows);
  const pass: LloydPass = {
    pointsFinite,
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
  const [pairsAt, centersAt, outAt, rowsAt] = layOut(
    kernel.exports,
    [Math.ceil(n / 2) * d * 16, k * d * 16, n * k * 8, n * d * 8],
    `squared distances: n = ${n}, d = ${d}, k = ${k}`,
  ) as [number, number, number, number];
  writePairs(points, pairsAt, rowsAt);
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

/**
 * EM's passes over fixed points (theory/em.ts), in the kernel, with every n×k array resident in its
 * memory across iterations: the squared distances D, the responsibilities w (written by the
 * caller's E-step), and the M-step's sums. Each pass is bit-identical to the plain float64 loop it
 * replaces. The views are valid until the next `createLloydPass`, `createDistancePass` or
 * `createEmPass`, which takes the memory over.
 */
export interface EmPass {
  /** Whether every coordinate of the points is finite (checked while copying them in). */
  readonly pointsFinite: boolean;
  /** n×k row-major: D_ia = ‖X_i − μ_a‖² to the centers of the last distance pass. */
  readonly distances: Float64Array;
  /** n×k row-major responsibilities w_ia, for the caller to fill; read by the next passes. */
  readonly responsibilities: Float64Array;
  /** k×d row-major: Σ_i w_ia X_i of the last `weightedSums`. */
  readonly sums: Float64Array;
  /** Σ_i w_ia of each cluster, from the last `weightedSums`. */
  readonly mass: Float64Array;
  /** Σ_i w_ia D_ia of each cluster, from the last `distancesAndSpread`. */
  readonly spread: Float64Array;
  /** Fills `distances` for `centers` (squaredDistances, bit for bit). */
  runDistances(centers: Matrix): void;
  /** Fills `distances` for `centers` and `spread` from them and the current responsibilities. */
  runDistancesAndSpread(centers: Matrix): void;
  /** Fills `sums` and `mass` from the current responsibilities (mStep's loop, bit for bit). */
  runWeightedSums(): void;
  /**
   * The E-step from `distances` into `responsibilities`, given each cluster's log π_a − (d/2)·log(2πσ_a²)
   * and 1/(2σ_a²); returns the log-likelihood Σ_i (m_i + log T_i), summed here in index order with
   * Math.log. Bit-identical to theory/em.ts's plain loop (the kernel's exp is V8's Math.exp).
   */
  runEStep(logWeights: Float64Array, halfPrecisions: Float64Array): number;
}

/** Lays out `points` (copied in once, as pairs and row-major), k centers, and EM's n×k and k×d arrays. */
export function createEmPass(points: Matrix, k: number): EmPass {
  const { rows: n, cols: d } = points;
  const [pairsAt, rowsAt, centersAt, distancesAt, wAt, sumsAt, massAt, spreadAt, logWeightsAt, halfPrecisionsAt, rowMaxAt, rowTotalAt] =
    layOut(
      kernel.exports,
      [Math.ceil(n / 2) * d * 16, n * d * 8, k * d * 16, n * k * 8, n * k * 8, k * d * 8, k * 8, k * 8, k * 8, k * 8, n * 8, n * 8],
      `em: n = ${n}, d = ${d}, k = ${k}`,
    ) as [number, number, number, number, number, number, number, number, number, number, number, number];
  const pointsFinite = writePairs(points, pairsAt, rowsAt);
  const buffer = kernel.exports.memory.buffer;
  const sums = new Float64Array(buffer, sumsAt, k * d);
  const mass = new Float64Array(buffer, massAt, k);
  const spread = new Float64Array(buffer, spreadAt, k);
  const logWeightsIn = new Float64Array(buffer, logWeightsAt, k);
  const halfPrecisionsIn = new Float64Array(buffer, halfPrecisionsAt, k);
  const rowMax = new Float64Array(buffer, rowMaxAt, n);
  const rowTotal = new Float64Array(buffer, rowTotalAt, n);
  const exports = kernel.exports;
  const own = (): void => {
    if (kernel.owner !== pass) throw new Error('this pass was superseded by a later one, which reuses its memory');
  };
  const pass: EmPass = {
    pointsFinite,
    distances: new Float64Array(buffer, distancesAt, n * k),
    responsibilities: new Float64Array(buffer, wAt, n * k).fill(0),
    sums,
    mass,
    spread,
    runDistances(centers: Matrix): void {
      writeCenters(centers, centersAt, k, d, pass);
      exports.squaredDistances(n, d, k, pairsAt, centersAt, distancesAt);
    },
    runDistancesAndSpread(centers: Matrix): void {
      writeCenters(centers, centersAt, k, d, pass);
      spread.fill(0);
      exports.distancesAndSpread(n, d, k, pairsAt, centersAt, distancesAt, wAt, spreadAt);
    },
    runWeightedSums(): void {
      own();
      sums.fill(0);
      mass.fill(0);
      exports.weightedSums(n, d, k, rowsAt, wAt, sumsAt, massAt);
    },
    runEStep(logWeights: Float64Array, halfPrecisions: Float64Array): number {
      own();
      logWeightsIn.set(logWeights);
      halfPrecisionsIn.set(halfPrecisions);
      exports.eStep(n, k, distancesAt, wAt, logWeightsAt, halfPrecisionsAt, rowMaxAt, rowTotalAt);
      let logLikelihood = 0;
      for (let i = 0; i < n; i++) logLikelihood += rowMax[i]! + Math.log(rowTotal[i]!);
      return logLikelihood;
    },
  };
  kernel.owner = pass;
  return pass;
}

/**
 * e^x of each entry by the kernel's exp, which reproduces V8's Math.exp bit for bit (for the tests:
 * properties/exp-kernel.test.ts). Takes the kernel's memory over, like a new pass.
 */
export function kernelExp(x: Float64Array): Float64Array {
  const [inAt, outAt] = layOut(kernel.exports, [x.length * 8, x.length * 8], `exp: ${x.length} numbers`) as [number, number];
  kernel.owner = undefined;
  new Float64Array(kernel.exports.memory.buffer, inAt, x.length).set(x);
  kernel.exports.expInto(x.length, inAt, outAt);
  return new Float64Array(kernel.exports.memory.buffer, outAt, x.length).slice();
}
