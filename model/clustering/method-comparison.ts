import { em } from '../../theory/em';
import { oracleLabels } from '../../theory/estep';
import { lloyd } from '../../theory/lloyd';
import type { Matrix } from '../../theory/matrix';
import { mislabelRate } from '../../theory/mislabel';
import type { Instance } from '../../theory/mixture';
import { alignedLabels, alignInitialization } from './alignment';
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

/** The labels a case's rates are taken over: max(k, m) for m initial centers (or centroid tokens), so a wrong number of clusters is allowed. */
export function caseClasses(c: EvaluationCase): number {
  return Math.max(c.instance.spec.k, c.baselineInit.rows, c.transformerInit?.rows ?? 0);
}

/** The transformer's inputs of the cases: points, and the initialization when it has one. */
export function transformerInputs(cases: readonly EvaluationCase[]): TransformerInput[] {
  return cases.map((c) => (c.transformerInit ? { points: c.instance.points, centers: c.transformerInit } : { points: c.instance.points }));
}

/** The transformer's per-instance mislabel rates on the cases (claims F3, F4, G1; equal n and m). */
export function transformerErrors(model: ClusteringTransformer, cases: readonly EvaluationCase[]): number[] {
  const predicted = predictLabels(model, transformerInputs(cases));
  return cases.map((c, j) => mislabelRate(predicted[j]!, c.instance.labels, caseClasses(c)));
}

/** Lloyd's, EM's and the oracle's per-instance mislabel rates on the cases (over caseClasses labels). */
export function baselineErrors(cases: readonly EvaluationCase[]): Omit<MethodErrors, 'transformer'> {
  const out = { lloyd: [] as number[], em: [] as number[], oracle: [] as number[] };
  for (const c of cases) {
    const { points, labels, centers } = c.instance;
    const classes = caseClasses(c);
    out.lloyd.push(mislabelRate(lloyd(points, c.baselineInit).labels, labels, classes));
    out.em.push(mislabelRate(em(points, c.baselineInit).labels, labels, classes));
    out.oracle.push(mislabelRate(oracleLabels(points, centers), labels, classes));
  }
  return out;
}

/**
 * Runs the transformer, Lloyd, EM and the oracle on the same cases (claims F3, F4, G1). Rates are
 * over caseClasses labels. The cases must share n and m.
 */
export function compareMethods(model: ClusteringTransformer, cases: readonly EvaluationCase[]): MethodErrors {
  return { transformer: transformerErrors(model, cases), ...baselineErrors(cases) };
}

/** One method's per-instance rates: aligned to the initialization's order, and minimised over relabellings. */
export interface AlignedRates {
  /** Fraction of points whose label is not the centroid token of their true cluster (alignment.ts); the oracle's in the true order. */
  readonly aligned: number[];
  /** The mislabel rate of CLAIMS.md §1 (minimum over the k! relabellings). */
  readonly minimised: number[];
}

export type SameInitErrors = { readonly [method in keyof MethodErrors]: AlignedRates };

/** An evaluation instance and the one initialization the transformer, Lloyd and EM all start from. */
export interface SameInitCase {
  readonly instance: Instance;
  readonly init: Matrix;
}

function disagreement(predicted: ArrayLike<number>, targets: ArrayLike<number>): number {
  let wrong = 0;
  for (let i = 0; i < targets.length; i++) if (predicted[i] !== targets[i]) wrong++;
  return wrong / targets.length;
}

/**
 * Claim F3: the transformer, Lloyd and EM from the same k-row initialization, and the oracle, on
 * the same cases (equal n). Each method's label a means "the cluster of initial center a", so its
 * aligned error counts the points not labelled with the centroid token of their true cluster; the
 * permutation-minimised rate is beside it (at small n the minimum biases every rate down).
 */
export function compareFromSameInit(model: ClusteringTransformer, cases: readonly SameInitCase[]): SameInitErrors {
  const predicted = predictLabels(
    model,
    cases.map((c) => ({ points: c.instance.points, centers: c.init })),
  );
  const rates = (): AlignedRates => ({ aligned: [], minimised: [] });
  const out = { transformer: rates(), lloyd: rates(), em: rates(), oracle: rates() };
  cases.forEach((c, j) => {
    const { points, labels, centers, spec } = c.instance;
    const targets = alignedLabels(labels, alignInitialization(c.init, centers));
    const record = (rate: AlignedRates, predictedLabels: Int32Array, alignedTo: Int32Array) => {
      rate.aligned.push(disagreement(predictedLabels, alignedTo));
      rate.minimised.push(mislabelRate(predictedLabels, labels, spec.k));
    };
    record(out.transformer, predicted[j]!, targets);
    record(out.lloyd, lloyd(points, c.init).labels, targets);
    record(out.em, em(points, c.init).labels, targets);
    record(out.oracle, oracleLabels(points, centers), labels);
  });
  return out;
}
