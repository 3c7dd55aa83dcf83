import { em } from '../../theory/em';
import { oracleLabels } from '../../theory/estep';
import { lloyd } from '../../theory/lloyd';
import type { Matrix } from '../../theory/matrix';
import { mislabelRate } from '../../theory/mislabel';
import type { Instance } from '../../theory/mixture';
import { predictLabels } from './predict';
import type { TransformerInput } from './token-features';
import type { ClusteringTransformer } from './transformer';

/** One evaluation instance: the transformer's initialization (absent without one) and the reference methods' initialization. */
export interface EvaluationCase {
  readonly instance: Instance;
  readonly transformerInit?: Matrix;
  /** Lloyd's and EM's initial centers (m rows; m may differ from the true k). */
  readonly baselineInit: Matrix;
}

/** Per-instance mislabel rates (CLAIMS.md §1) of each method on the same instances. */
export interface MethodErrors {
  readonly transformer: number[];
  /** Lloyd to its fixed point from baselineInit. */
  readonly lloyd: number[];
  /** EM (shared σ², CLAIMS.md §2) from baselineInit. */
  readonly em: number[];
  /** The oracle: nearest true center. */
  readonly oracle: number[];
}

/**
 * Runs the transformer, Lloyd, EM and the oracle on the same cases (claims F3, G1). Rates are over
 * max(k, m) labels, so a wrong number of clusters is allowed. The cases must share n and m.
 */
export function compareMethods(model: ClusteringTransformer, cases: readonly EvaluationCase[]): MethodErrors {
  const inputs: TransformerInput[] = cases.map((c) =>
    c.transformerInit ? { points: c.instance.points, centers: c.transformerInit } : { points: c.instance.points },
  );
  const predicted = predictLabels(model, inputs);
  const out: MethodErrors = { transformer: [], lloyd: [], em: [], oracle: [] };
  cases.forEach((c, j) => {
    const { points, labels, centers, spec } = c.instance;
    const classes = Math.max(spec.k, c.baselineInit.rows, c.transformerInit?.rows ?? 0);
    out.transformer.push(mislabelRate(predicted[j]!, labels, classes));
    out.lloyd.push(mislabelRate(lloyd(points, c.baselineInit).labels, labels, classes));
    out.em.push(mislabelRate(em(points, c.baselineInit).labels, labels, classes));
    out.oracle.push(mislabelRate(oracleLabels(points, centers), labels, classes));
  });
  return out;
}
