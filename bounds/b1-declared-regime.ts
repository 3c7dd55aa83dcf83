import { claimEntry } from './registry';

const { regimeMaxWidth, float32MaxScoreScale, float64MaxScoreScale } = claimEntry('B1').constants;

/** The two precisions claim B1 states a tolerance for. */
export type B1Precision = 'float64' | 'float32';

/**
 * Claim B1's declared regime (the registry's constants): d, k ≤ regimeMaxWidth and score scale
 * S ≤ the precision's maximum, where the worst-case rounding bound b1RoundingBound guarantees the
 * tolerance. Claim B1 itself states no regime: the report judges every case and uses this only to
 * say whether a failure lies where rounding alone explains it.
 */
export function b1InDeclaredRegime(precision: B1Precision, k: number, d: number, scoreScale: number): boolean {
  const maxScoreScale = precision === 'float64' ? float64MaxScoreScale : float32MaxScoreScale;
  return d <= regimeMaxWidth && k <= regimeMaxWidth && scoreScale <= maxScoreScale;
}
