import { claimEntry } from './registry';

const { float32RelativeTolerance } = claimEntry('C2').constants;
/** Machine epsilon of float64 (2u). */
const FLOAT64_EPSILON = 2 ** -52;

/**
 * Claim C2 measured in a given precision: how far ‖out_a − mean_a‖ may exceed the bound by
 * rounding, in units of the data scale max(1, max_i ‖X_i‖_∞). In float64 a weighted mean of n
 * points carries about n roundings: 8·n·ε·scale; in float32 (tfjs) the registry's C2 tolerance
 * (1e-5) times the scale.
 */
export function c2RoundingAllowance(precision: 'float64' | 'float32', n: number, dataScale: number): number {
  return precision === 'float64' ? 8 * n * FLOAT64_EPSILON * dataScale : float32RelativeTolerance * dataScale;
}
