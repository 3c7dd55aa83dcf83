import { initBackend } from '../../model/backend';
import type { BackendName } from '../../model/backend-names';
import { toldClusters } from '../../model/clustering/config';
import { type LoadedClusteringTransformer, loadClusteringTransformer } from '../../model/clustering/load-checkpoint';
import { predictLabels } from '../../model/clustering/predict';
import { type Matrix, toRows } from '../../theory/matrix';
import type { Rng } from '../../theory/rng';
import { fail } from '../../theory/validate';
import { type ClusterOptions, type ClusterOutput, initialCenters, resolveK, withMislabelRate } from './cluster-reference';
import type { Clusterer } from './clusterer';
import type { ClusterInput } from './instance-json';

/** Per cluster, the mean of the points given its label; an empty cluster keeps its initial center (or the mean of all points without one). */
function predictedClusterMeans(
  points: Matrix,
  labels: Int32Array,
  m: number,
  init: Matrix | undefined,
): { centers: number[][]; emptyClusters: number[] } {
  const d = points.cols;
  const sums = Array.from({ length: m }, () => new Array<number>(d).fill(0));
  const counts = new Array<number>(m).fill(0);
  const overall = new Array<number>(d).fill(0);
  labels.forEach((a, i) => {
    counts[a]!++;
    for (let c = 0; c < d; c++) {
      sums[a]![c]! += points.data[i * d + c]!;
      overall[c]! += points.data[i * d + c]! / points.rows;
    }
  });
  const emptyClusters: number[] = [];
  const centers = sums.map((sum, a) => {
    if (counts[a]! > 0) return sum.map((s) => s / counts[a]!);
    emptyClusters.push(a);
    return init ? Array.from(init.data.subarray(a * d, (a + 1) * d)) : overall;
  });
  return { centers, emptyClusters };
}

export interface TransformerOptions extends ClusterOptions {
  readonly checkpoint: string;
  readonly backend?: BackendName;
}

/**
 * `tvem cluster --method transformer --checkpoint FILE`: a pre-trained clustering transformer
 * (claims F3/F4/G1; checkpoints come from trainClusteringTransformer, under
 * .cache/checkpoints/<hash>/) on each instance, given the `--init` initialization as centroid
 * tokens (ignored for a checkpoint trained without one). The backend and the checkpoint are
 * loaded once; `close()` frees the weights. JSON as for --method lloyd: labels are the
 * read-out's argmax, centers the means of the predicted clusters, iterations the number of
 * transformer blocks, history empty, converged false (a fixed-depth network has no fixed
 * point); plus backend, checkpoint and the pre-training config.
 */
export async function openTransformer(options: TransformerOptions): Promise<Clusterer> {
  const backend = await initBackend(options.backend);
  const loaded = loadClusteringTransformer(options.checkpoint);
  return {
    cluster: (input, rng) => clusterOne(input, options, loaded, backend, rng),
    close: () => loaded.model.dispose(),
  };
}

/** Opens the transformer, clusters one instance and frees it. */
export async function clusterWithTransformer(input: ClusterInput, options: TransformerOptions, rng: Rng): Promise<ClusterOutput> {
  const clusterer = await openTransformer(options);
  try {
    return await clusterer.cluster(input, rng);
  } finally {
    clusterer.close();
  }
}

function clusterOne(
  input: ClusterInput,
  options: TransformerOptions,
  { model, config, directory }: LoadedClusteringTransformer,
  backend: string,
  rng: Rng,
): ClusterOutput {
  if (input.points.cols !== config.d)
    fail('points dimension', input.points.cols, `${config.d}, the dimension the checkpoint was trained at`);
  const k = resolveK(input, options.k);
  const withInit = config.init !== 'none';
  const slots = toldClusters(config);
  if (!withInit && k !== slots) fail('--k', k, `${slots}: this checkpoint was trained without an initialization to find ${slots} clusters`);
  const init = withInit ? initialCenters(options.init, input, k, options.lambda0, rng) : undefined;
  const labels = predictLabels(model, [init ? { points: input.points, centers: init } : { points: input.points }])[0]!;
  const { centers, emptyClusters } = predictedClusterMeans(input.points, labels, k, init);
  return withMislabelRate(
    input,
    {
      method: 'transformer',
      init: withInit ? options.init : 'none',
      initCenters: init ? toRows(init) : [],
      centers,
      labels: Array.from(labels),
      iterations: config.architecture.layers,
      history: [],
      converged: false,
      backend,
      checkpoint: directory,
      emptyClusters,
      pretraining: {
        k: config.k,
        d: config.d,
        n: config.n,
        nRange: config.nRange,
        variant: config.variant,
        clustersTold: slots,
        init: config.init,
        deltaRange: config.deltaRange,
        pretrainingInstances: config.pretrainingInstances,
      },
    },
    k,
  );
}
