import { runAttentionLloyd } from '../../model/attention-lloyd';
import { initBackend } from '../../model/backend';
import { toRows } from '../../theory/matrix';
import type { Rng } from '../../theory/rng';
import { assertInteger, assertPositive } from '../../theory/validate';
import { type ClusterOptions, type ClusterOutput, finish, initialCenters, resolveK } from './cluster-reference';
import type { ClusterInput } from './instance-json';

/** Default number of Lloyd steps the constructed transformer runs (claim E1 checks T ≤ 10). */
const DEFAULT_STEPS = 10;

/**
 * `tvem cluster --method attention-lloyd`: the hand-set attention transformer of claim E1 from the
 * same initialization as `--method lloyd`. Its JSON is Lloyd's plus the backend, the network's
 * layers and heads, β and the minimum margin β·g/2 at each E-step (null when k = 1).
 */
export async function clusterWithAttentionLloyd(
  input: ClusterInput,
  options: ClusterOptions & { beta?: number; backend?: string },
  rng: Rng,
): Promise<ClusterOutput> {
  const k = resolveK(input, options.k);
  const init = initialCenters(options.init, input, k, options.lambda0, rng);
  const iterations = assertInteger('--iterations', options.iterations ?? DEFAULT_STEPS, 1);
  const beta = options.beta === undefined ? undefined : assertPositive('--beta', options.beta);
  await initBackend(options.backend);
  const run = await runAttentionLloyd(input.points, init, { iterations, ...(beta === undefined ? {} : { beta }) });
  return finish(
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
