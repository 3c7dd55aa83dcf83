import { type CovarianceModel, type EmResult, em } from '../../theory/em';
import { oracleLabels } from '../../theory/estep';
import { type Initialization, kmeansPlusPlus, perturbedTruth, spectralInit } from '../../theory/init';
import { type LloydResult, lloyd } from '../../theory/lloyd';
import { type Matrix, toRows } from '../../theory/matrix';
import { mislabelRate } from '../../theory/mislabel';
import type { Rng } from '../../theory/rng';
import { assertInteger, fail, InputError } from '../../theory/validate';
import type { ClusterInput } from './instance-json';

/** The float64 reference methods of `tvem cluster` (the others run a transformer). */
export const REFERENCE_METHODS = ['lloyd', 'em', 'oracle'] as const;
export type ReferenceMethod = (typeof REFERENCE_METHODS)[number];

/** The options of `tvem cluster` that every method reads (validated by the command's schema). */
export interface ClusterOptions {
  readonly init: Initialization;
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

/** The `--init` initialization of k centers, drawn from `rng` (the instance's stream). */
export function initialCenters(init: Initialization, input: ClusterInput, k: number, lambda0: number, rng: Rng): Matrix {
  switch (init) {
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
export function clusterReference(input: ClusterInput, options: ClusterOptions & { method: ReferenceMethod }, rng: Rng): ClusterOutput {
  const { method } = options;
  const k = resolveK(input, options.k);
  if (method === 'oracle') {
    if (!input.trueCenters) throw new InputError('--method oracle needs the true centers in the input (field centers)');
    const labels = oracleLabels(input.points, input.trueCenters);
    return withMislabelRate(
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
    return withMislabelRate(input, { ...common, ...iterativeRunFields(lloyd(input.points, init, cap)) }, k);
  }
  const run = em(input.points, init, { ...cap, ...(options.covariance ? { covariance: options.covariance } : {}) });
  return withMislabelRate(input, { ...common, ...iterativeRunFields(run), variances: run.variances, weights: run.weights }, k);
}

/** The output fields Lloyd and EM share: final centers and labels, iterations, history, convergence, empty clusters. */
function iterativeRunFields(run: LloydResult | EmResult) {
  return {
    centers: toRows(run.centers),
    labels: Array.from(run.labels),
    iterations: run.iterations,
    history: run.history,
    converged: run.converged,
    emptyClusterEvents: run.emptyClusterEvents,
  };
}

export function resolveK(input: ClusterInput, k: number | undefined): number {
  const resolved = k ?? input.k;
  if (resolved === undefined) throw new InputError('--k is required when the input carries no spec.k or centers');
  return assertInteger('--k', resolved, 1, input.points.rows);
}

/** Adds the mislabel rate when the input carries true labels (over max(k, true classes) labels, so a wrong k is allowed). */
export function withMislabelRate(input: ClusterInput, output: ClusterOutput, k: number): ClusterOutput {
  if (!input.trueLabels) return output;
  const classes = input.trueLabels.reduce((m, z) => Math.max(m, z + 1), k);
  return { ...output, mislabelRate: mislabelRate(output.labels, input.trueLabels, classes) };
}
