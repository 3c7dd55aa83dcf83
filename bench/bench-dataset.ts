import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nearestCenterVariance } from '../theory/em';
import { kmeansPlusPlus } from '../theory/init';
import { toRows } from '../theory/matrix';
import { sampleInstance } from '../theory/mixture';
import { Rng } from '../theory/rng';

/** The bench's problem shape (issue #7): d = 10, k = 5; n varies. */
export const BENCH_DIMENSION = 10;
export const BENCH_CLUSTERS = 5;
/** Δ/σ = 2 overlaps the clusters, so that neither side converges before the iteration cap. */
export const BENCH_SEPARATION = 2;
/** Both sides run exactly this many iterations unless they converge first. */
export const BENCH_ITERATIONS = 20;

/** One instance shared by both sides: the points on disk, the initial centers and σ² inline. */
export interface BenchDataset {
  /** Raw little-endian float64, row-major n×d. */
  readonly points: string;
  readonly n: number;
  readonly d: number;
  readonly init: number[][];
  /** EM's initial σ² of every cluster: theory/em.ts's default (mean squared distance to the nearest initial center, over d). */
  readonly sigma2: number;
}

/** What a bench worker is asked to fit (the line protocol of theory-worker.ts and peers/sklearn_worker.py). */
export interface FitRequest extends BenchDataset {
  readonly op: 'lloyd' | 'em';
  readonly maxIterations: number;
}

/** Samples a simplex-layout instance of n points, seeds k-means++ from it, and writes the points into `folder`. */
export function writeBenchDataset(folder: string, n: number, seed: number): BenchDataset {
  const rng = new Rng(seed);
  const instance = sampleInstance(
    { k: BENCH_CLUSTERS, d: BENCH_DIMENSION, n, delta: BENCH_SEPARATION, sigma: 1, layout: 'simplex', variant: { kind: 'isotropic' } },
    rng.split(1),
  );
  const init = kmeansPlusPlus(instance.points, BENCH_CLUSTERS, rng.split(2));
  const points = join(folder, `points-n${n}.f64`);
  const { data } = instance.points;
  writeFileSync(points, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return { points, n, d: BENCH_DIMENSION, init: toRows(init), sigma2: nearestCenterVariance(instance.points, init) };
}
