import { type CovarianceModel, em } from '../../theory/em';
import { oracleLabels } from '../../theory/estep';
import { INITIALIZATIONS, type Initialization, kmeansPlusPlus, perturbedTruth, spectralInit } from '../../theory/init';
import { lloyd } from '../../theory/lloyd';
import { type Matrix, toRows } from '../../theory/matrix';
import { mislabelRate } from '../../theory/mislabel';
import type { Rng } from '../../theory/rng';
import { assertInteger, fail, InputError } from '../../theory/validate';
import type { ClusterInput } from './instance-json';

export const METHODS = ['lloyd', 'em', 'oracle'] as const;
export type Method = (typeof METHODS)[number];

export interface ClusterOptions {
  readonly method: string;
  readonly init: string;
  readonly lambda0: number;
  readonly iterations?: number;
  readonly k?: number;
  /** EM's covariance model; default shared (CLAIMS.md §2). */
  readonly covariance?: CovarianceModel;
}

/** The JSON `tvem cluster` writes (field names are relied on by outside checks: keep them). */
export interface ClusterOutput {
  readonly method: string;
  readonly init: string;
  readonly initCenters: number[][];
  readonly centers: number[][];
  readonly labels: number[];
  readonly iterations: number;
  /** Lloyd: k-means objective per iteration; EM: log-likelihood; oracle: empty. */
  readonly history: number[];
  readonly converged: boolean;
  readonly mislabelRate?: number;
  readonly [extra: string]: unknown;
}

export function initialCenters(init: string, input: ClusterInput, k: number, lambda0: number, rng: Rng): Matrix {
  if (!(INITIALIZATIONS as readonly string[]).includes(init)) fail('--init', init, `one of ${INITIALIZATIONS.join(', ')}`);
  switch (init as Initialization) {
    case 'perturbed-truth':
      if (!input.trueCenters) throw new InputError('--init perturbed-truth needs the true centers in the input (field centers)');
      if (input.trueCenters.rows !== k)
        fail('--k', k, `equal to the number of true centers (${input.trueCenters.rows}) for perturbed-truth`);
      return perturbedTruth(input.trueCenters, lambda0, rng);
    case 'kmeans++':
      return kmeansPlusPlus(input.points, k, rng);
    case 'spectral':
      return spectralInit(input.points, k, rng);
  }
}

/** Runs a float64 reference method (`lloyd`, `em`, `oracle`) on the input. */
export function clusterReference(input: ClusterInput, options: ClusterOptions, rng: Rng): ClusterOutput {
  if (!(METHODS as readonly string[]).includes(options.method)) fail('--method', options.method, `one of ${METHODS.join(', ')}`);
  const method = options.method as Method;
  const k = resolveK(input, options.k);
  if (method === 'oracle') {
    if (!input.trueCenters) throw new InputError('--method oracle needs the true centers in the input (field centers)');
    const labels = oracleLabels(input.points, input.trueCenters);
    return finish(
      input,
      {
        method,
        init: 'none',
        initCenters: toRows(input.trueCenters),
        centers: toRows(input.trueCenters),
        labels: Array.from(labels),
        iterations: 0,
        history: [],
        converged: true,
      },
      k,
    );
  }
  const init = initialCenters(options.init, input, k, options.lambda0, rng);
  const cap = options.iterations === undefined ? {} : { maxIterations: assertInteger('--iterations', options.iterations, 1) };
  const common = { method, init: options.init, initCenters: toRows(init) };
  if (method === 'lloyd') {
    const run = lloyd(input.points, init, cap);
    return finish(
      input,
      {
        ...common,
        centers: toRows(run.centers),
        labels: Array.from(run.labels),
        iterations: run.iterations,
        history: run.history,
        converged: run.converged,
        emptyClusterEvents: run.emptyClusterEvents,
      },
      k,
    );
  }
  const run = em(input.points, init, { ...cap, ...(options.covariance ? { covariance: options.covariance } : {}) });
  return finish(
    input,
    {
      ...common,
      centers: toRows(run.centers),
      labels: Array.from(run.labels),
      iterations: run.iterations,
      history: run.history,
      converged: run.converged,
      emptyClusterEvents: run.emptyClusterEvents,
      variances: run.variances,
      weights: run.weights,
    },
    k,
  );
}

export function resolveK(input: ClusterInput, k: number | undefined): number {
  const resolved = k ?? input.k;
  if (resolved === undefined) throw new InputError('--k is required when the input carries no spec.k or centers');
  return assertInteger('--k', resolved, 1, input.points.rows);
}

/** Adds the mislabel rate when the input carries true labels (over max(k, true classes) labels, so a wrong k is allowed). */
export function finish(input: ClusterInput, output: ClusterOutput, k: number): ClusterOutput {
  if (!input.trueLabels) return output;
  const classes = input.trueLabels.reduce((m, z) => Math.max(m, z + 1), k);
  return { ...output, mislabelRate: mislabelRate(output.labels, input.trueLabels, classes) };
}
