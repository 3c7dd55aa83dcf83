import type { Instance } from '../theory/mixture';
import { assertInteger, fail } from '../theory/validate';

/**
 * Claim C2: the hard M-step head with score β·1{ẑ_i = a} over n points, n_a of them in cluster a,
 * is within (n − n_a)/(n_a·e^β + n − n_a) · max_i ‖X_i − mean_a‖ of mean_a. Written as
 * (n − n_a)/(n − n_a + n_a·e^β), which is 0 for β large enough that e^β overflows, never NaN.
 */
export function c2MStepBound(n: number, clusterSize: number, beta: number, maxDeviation: number): number {
  assertInteger('n', n, 1);
  assertInteger('clusterSize', clusterSize, 1, n);
  if (!(beta >= 0) || !Number.isFinite(beta)) fail('beta', beta, 'a finite number >= 0');
  if (!(maxDeviation >= 0) || !Number.isFinite(maxDeviation)) fail('maxDeviation', maxDeviation, 'a finite number >= 0');
  const others = n - clusterSize;
  if (others === 0 || maxDeviation === 0) return 0;
  return (others / (others + clusterSize * Math.exp(beta))) * maxDeviation;
}

/**
 * Claim C2's bound for one instance, as ε_construct of claim C3: per cluster of the instance's
 * labels, the bound at β_cap relative to max_i ‖X_i − mean_a‖, averaged over the k clusters.
 */
export function c2MeanBoundOfInstance(instance: Instance, betaCap: number): number {
  const { n, k } = instance.spec;
  const sizes = new Array<number>(k).fill(0);
  for (const a of instance.labels) sizes[a] = sizes[a]! + 1;
  return sizes.reduce((total, size) => total + c2MStepBound(n, size, betaCap, 1), 0) / k;
}
