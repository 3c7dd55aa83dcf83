import { runAttentionLloyd } from '../../model/attention-lloyd';
import { initBackend } from '../../model/backend';
import type { BackendName } from '../../model/backend-names';
import { toRows } from '../../theory/matrix';
import type { Rng } from '../../theory/rng';
import { type ClusterOptions, type ClusterOutput, initialCenters, resolveK, withMislabelRate } from './cluster-reference';
import type { Clusterer } from './clusterer';
import type { ClusterInput } from './instance-json';

/** Default number of Lloyd steps the constructed transformer runs (claim E1 checks T ≤ 10). */
const DEFAULT_STEPS = 10;

export interface AttentionLloydOptions extends ClusterOptions {
  readonly beta?: number;
  readonly backend?: BackendName;
}

/**
 * `tvem cluster --method attention-lloyd`: the hand-set attention transformer of claim E1 from the
 * same initialization as `--method lloyd`. Its JSON is Lloyd's plus the backend, the network's
 * layers and heads, β and the minimum margin β·g/2 at each E-step (null when k = 1). The backend
 * is loaded once; the network is built per instance (its weights are the initial centers).
 */
export async function openAttentionLloyd(options: AttentionLloydOptions): Promise<Clusterer> {
  await initBackend(options.backend);
  const iterations = options.iterations ?? DEFAULT_STEPS;
  return {
    cluster: async (input, rng) => clusterOne(input, options, iterations, rng),
    close: () => {},
  };
}

async function clusterOne(input: ClusterInput, options: AttentionLloydOptions, iterations: number, rng: Rng): Promise<ClusterOutput> {
  const k = resolveK(input, options.k);
  const init = initialCenters(options.init, input, k, options.lambda0, rng);
  const run = await runAttentionLloyd(input.points, init, { iterations, ...(options.beta === undefined ? {} : { beta: options.beta }) });
  return withMislabelRate(
    input,
    {
      method: 'attention-lloyd',
      init: options.init,
      initCenters: toRows(init),
      centers: toRows(run.centers),
      labels: Array.from(run.labels),
      iterations: run.iterations,
      history: [],
      converged: false,
      backend: run.backend,
      layers: run.layers,
      heads: run.heads,
      beta: run.beta,
      minMargins: run.minMargins.map((m) => (Number.isFinite(m) ? m : null)),
    },
    k,
  );
}
