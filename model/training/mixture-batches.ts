import * as tf from '@tensorflow/tfjs';
import { hardEStep } from '../../theory/estep';
import { type Instance, type MixtureSpec, sampleInstance } from '../../theory/mixture';
import type { Rng } from '../../theory/rng';
import type { TokenLayout } from '../token-layout';

/** `count` instances of `spec`, instance j drawn from its own stream rng.split(j). */
export function sampleInstances(spec: MixtureSpec, count: number, rng: Rng): Instance[] {
  return Array.from({ length: count }, (_, j) => sampleInstance(spec, rng.split(j)));
}

function checkShape(layout: TokenLayout, instance: Instance): void {
  const { n, d, k } = instance.spec;
  if (n !== layout.n || d !== layout.d || k !== layout.k)
    throw new RangeError(`instance (n, d, k) = (${n}, ${d}, ${k}) does not fit the layout (${layout.n}, ${layout.d}, ${layout.k})`);
}

/**
 * The part every head's input shares, for instance `b` of a batch: data tokens carry X_i and 1
 * (and, with `labelled`, the one-hot true label e_{z_i} in the resp slot); centroid tokens carry 1
 * and e_a.
 */
function writeBaseTokens(layout: TokenLayout, instance: Instance, data: Float32Array, b: number, labelled: boolean): void {
  checkShape(layout, instance);
  const { n, d, k, width, tokens } = layout;
  const base = b * tokens * width;
  for (let i = 0; i < n; i++) {
    const row = base + i * width;
    for (let c = 0; c < d; c++) data[row + layout.point + c] = instance.points.data[i * d + c]!;
    data[row + layout.one] = 1;
    if (labelled) data[row + layout.resp + instance.labels[i]!] = 1;
  }
  for (let a = 0; a < k; a++) {
    const row = base + (layout.firstCentroid + a) * width;
    data[row + layout.one] = 1;
    data[row + layout.id + a] = 1;
  }
}

/**
 * The input of the E-step head for each instance, [B, T, D] in float32: data tokens carry X_i and
 * 1; centroid tokens carry the true center μ_a in the center slot, ‖μ_a‖² in sqNorm, 1 and e_a.
 * This is embedTokens followed by the center-update sublayer (claim B1), filled directly.
 */
export function eStepInputTokens(layout: TokenLayout, instances: readonly Instance[]): tf.Tensor3D {
  const { d, k, width, tokens } = layout;
  const data = new Float32Array(instances.length * tokens * width);
  instances.forEach((instance, b) => {
    writeBaseTokens(layout, instance, data, b, false);
    for (let a = 0; a < k; a++) {
      const row = (b * tokens + layout.firstCentroid + a) * width;
      let sqNorm = 0;
      for (let c = 0; c < d; c++) {
        const x = instance.centers.data[a * d + c]!;
        data[row + layout.center + c] = x;
        sqNorm += x * x;
      }
      data[row + layout.sqNorm] = sqNorm;
    }
  });
  return tf.tensor3d(data, [instances.length, tokens, width], 'float32');
}

/** The hard E-step labels ẑ_i = argmin_a ‖X_i − μ_a‖² with the true centers, one-hot: [B, n, k]. */
export function hardEStepTargets(instances: readonly Instance[]): tf.Tensor3D {
  const { n, k } = instances[0]!.spec;
  const data = new Float32Array(instances.length * n * k);
  instances.forEach((instance, b) => {
    hardEStep(instance.points, instance.centers).forEach((a, i) => {
      data[(b * n + i) * k + a] = 1;
    });
  });
  return tf.tensor3d(data, [instances.length, n, k], 'float32');
}

/**
 * The input of the hard M-step head for each instance, [B, T, D] in float32: data tokens carry X_i,
 * 1 and the one-hot true label e_{z_i} in the resp slot; centroid tokens carry 1 and e_a (claim C2).
 */
export function mStepInputTokens(layout: TokenLayout, instances: readonly Instance[]): tf.Tensor3D {
  const { width, tokens } = layout;
  const data = new Float32Array(instances.length * tokens * width);
  instances.forEach((instance, b) => writeBaseTokens(layout, instance, data, b, true));
  return tf.tensor3d(data, [instances.length, tokens, width], 'float32');
}

/**
 * Per instance and cluster, the label mean mean_a = mean of {X_i : z_i = a} ([B, k, d]) and the
 * scale max_i ‖X_i − mean_a‖ over all points ([B, k]), the right-hand side of claim C2.
 */
export function clusterMeansAndScales(instances: readonly Instance[]): { means: Float64Array; scales: Float64Array } {
  const { n, d, k } = instances[0]!.spec;
  const means = new Float64Array(instances.length * k * d);
  const scales = new Float64Array(instances.length * k);
  instances.forEach((instance, b) => {
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const a = instance.labels[i]!;
      counts[a] = counts[a]! + 1;
      for (let c = 0; c < d; c++) means[(b * k + a) * d + c] = means[(b * k + a) * d + c]! + instance.points.data[i * d + c]!;
    }
    for (let a = 0; a < k; a++) {
      for (let c = 0; c < d; c++) means[(b * k + a) * d + c] = means[(b * k + a) * d + c]! / counts[a]!;
      let worst = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += (instance.points.data[i * d + c]! - means[(b * k + a) * d + c]!) ** 2;
        worst = Math.max(worst, s);
      }
      scales[b * k + a] = Math.sqrt(worst);
    }
  });
  return { means, scales };
}
