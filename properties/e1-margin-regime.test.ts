import { c2RoundingAllowance } from '../bounds/c2-rounding-allowance';
import { d1GridTemperature } from '../bounds/d1-grid-temperature';
import { e1InRegime } from '../bounds/e1-margin-regime';
import { claimEntry } from '../bounds/registry';

// Known answers for E1's regime test (bounds/e1-margin-regime.ts), and for the two one-line
// planners it sits beside: C2's rounding allowance and D1's grid temperature.

describe('E1: every E-step has min_i β·g_i/2 ≥ 110', () => {
  it('E1: the threshold is the registry’s 110, inclusive', () => {
    expect(claimEntry('E1').constants.marginThreshold).toBe(110);
    expect(e1InRegime([110])).toBe(true);
    expect(e1InRegime([109.99999])).toBe(false);
    expect(e1InRegime([1e6])).toBe(true);
  });

  it('E1: every step must be in the regime, and an empty run is not', () => {
    expect(e1InRegime([200, 110, 111])).toBe(true);
    expect(e1InRegime([200, 100, 300])).toBe(false);
    expect(e1InRegime([100, 200])).toBe(false);
    expect(e1InRegime([])).toBe(false);
  });
});

describe('C2: rounding allowance in units of the data scale', () => {
  it('C2: float64 allows 8·n·ε·scale with ε = 2⁻⁵², float32 the registry’s 1e-5·scale', () => {
    expect(c2RoundingAllowance('float64', 10, 2)).toBe(160 * 2 ** -52);
    expect(c2RoundingAllowance('float64', 1, 1)).toBe(8 * 2 ** -52);
    expect(c2RoundingAllowance('float32', 10, 2)).toBe(2e-5);
    expect(c2RoundingAllowance('float32', 1000, 3)).toBeCloseTo(3e-5, 20);
  });
});

describe('D1: planned grid temperature β = d·(m − 1)²/R²', () => {
  it('D1: known answers, and β·h² = 4d with h = 2R/(m − 1)', () => {
    expect(d1GridTemperature(2, 5, 2)).toBe(8);
    expect(d1GridTemperature(1, 3, 1)).toBe(4);
    expect(d1GridTemperature(3, 2, 0.5)).toBe(12);
    const h = (2 * 3) / (7 - 1);
    expect(d1GridTemperature(2, 7, 3) * h * h).toBeCloseTo(8, 14);
  });
});
