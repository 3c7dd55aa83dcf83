import { eStepMargins } from '../theory/estep';
import type { Instance } from '../theory/mixture';
import { assertInteger, assertPositive, fail } from '../theory/validate';
import { claimEntry } from './registry';

/** B2's constant factor in factor·(k−1)·exp(−βg/2) (2 in our explicit version; the registry's). */
const { factor } = claimEntry('B2').constants;

/**
 * Claim B2: with margin g = (second smallest) − (smallest) of ‖X − μ_a‖² over a, the soft
 * E-step row w at inverse temperature β satisfies ‖w − e_ẑ‖₁ = 2(1 − w_ẑ) ≤ factor·(k−1)·exp(−βg/2),
 * factor from the registry (2). Finite for every β ≥ 0 and g ≥ 0 (at most factor·(k−1)); g = +∞
 * (k = 1) gives 0.
 */
export function b2EStepBound(k: number, beta: number, margin: number): number {
  assertInteger('k', k, 1);
  if (!(beta >= 0) || !Number.isFinite(beta)) fail('beta', beta, 'a finite number >= 0');
  if (!(margin >= 0)) fail('margin', margin, 'a number >= 0 (or +Infinity)');
  if (k === 1) return 0;
  return factor * (k - 1) * Math.exp((-beta * margin) / 2);
}

/**
 * Claim B2's temperature: the β at which the bound factor·(k−1)·exp(−βg/2) equals 2ε, i.e.
 * 1 − w_ẑ = ‖w − e_ẑ‖₁/2 ≤ ε (an ε-close E-step): β = (2/g)·log(factor·(k−1)/(2ε)), which is
 * B2's (2/g)·log((k−1)/ε) for factor 2. 0 when k = 1 or the bound is ≤ 2ε already at β = 0.
 */
export function b2TemperatureFor(k: number, margin: number, epsilon: number): number {
  assertInteger('k', k, 1);
  assertPositive('margin', margin);
  assertPositive('epsilon', epsilon);
  const ratio = (factor * (k - 1)) / (2 * epsilon);
  if (k === 1 || ratio <= 1) return 0;
  return (2 / margin) * Math.log(ratio);
}

/**
 * Claim B2's bound for one instance, as ε_construct of claim B3: per point, the bound at β_cap on
 * the instance's margin, capped at the error's range 2, averaged over the n points.
 */
export function b2MeanBoundOfInstance(instance: Instance, betaCap: number): number {
  const margins = eStepMargins(instance.points, instance.centers);
  let total = 0;
  for (const g of margins) total += Math.min(2, b2EStepBound(instance.spec.k, betaCap, g));
  return total / margins.length;
}
