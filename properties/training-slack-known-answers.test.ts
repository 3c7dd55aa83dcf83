import { allowanceDifferenceWidth, instancesToResolveAllowance, type MinAllowance, minAllowanceTest } from '../bounds/g1-min-allowance';
import { compareWithConstruction, empiricalBernsteinDeviation, meanSlack } from '../bounds/training-slack';

// Known answers for the slack of claims B3/C3 (bounds/training-slack.ts) and claim G1's paired
// allowance test (bounds/g1-min-allowance.ts). Values marked "python" were computed once with
// /usr/bin/python3: Hoeffding range·√(ln(2/δ)/(2R)) and the empirical Bernstein deviation
// √(2V·ln(4/δ)/R) + 7·range·ln(4/δ)/(3(R − 1)) (both at δ/2), V the unbiased sample variance.

const repeat = (pattern: number[], times: number): number[] => Array.from({ length: times }, () => pattern).flat();

describe('B3/C3: empirical Bernstein and the mean slack', () => {
  it('B3: values 0.1, 0.3, 0.2, 0.4, δ = 0.1, range 1 (python)', () => {
    // V = 0.05/3; at δ = 0.1: √(2V·ln 20/4) + 7·ln 20/9
    expect(empiricalBernsteinDeviation([0.1, 0.3, 0.2, 0.4], 0.1, 1)).toBeCloseTo(
      Math.sqrt((2 * (0.05 / 3) * Math.log(20)) / 4) + (7 * Math.log(20)) / 9,
      14,
    );
    const slack = meanSlack([0.1, 0.3, 0.2, 0.4], 0.1, 1);
    expect(slack.mean).toBeCloseTo(0.25, 15);
    expect(slack.hoeffding).toBeCloseTo(0.6119367076702041, 14);
    expect(slack.bernstein).toBeCloseTo(3.0444586160749214, 14);
    expect(slack.slack).toBe(slack.hoeffding);
  });

  it('B3: 50 × 0.1 and 50 × 0.12 at δ = 0.05: Bernstein (0.10626) beats Hoeffding (0.13581) (python)', () => {
    const slack = meanSlack(repeat([0.1, 0.12], 50), 0.05, 1);
    expect(slack.mean).toBeCloseTo(0.11, 14);
    expect(slack.hoeffding).toBeCloseTo(0.13581015157406195, 14);
    expect(slack.bernstein).toBeCloseTo(0.1062554174280293, 14);
    expect(slack.slack).toBe(slack.bernstein);
  });

  it('B3: bad input names the parameter and the value', () => {
    expect(() => empiricalBernsteinDeviation([0.5], 0.1, 1)).toThrow('values length must be an integer >= 2, got 1');
    expect(() => empiricalBernsteinDeviation([0.5, 0.5], 0, 1)).toThrow('failureProbability must be a probability in (0, 1), got 0');
    expect(() => empiricalBernsteinDeviation([0.5, 0.5], 0.1, 0)).toThrow('range must be a finite number > 0, got 0');
    expect(() => meanSlack([0.5, 0.5], 1, 1)).toThrow('failureProbability must be a probability in (0, 1), got 1');
    expect(() => meanSlack([0.5, Number.NaN], 0.1, 1)).toThrow('values[1] must be a finite number, got NaN');
    expect(() => meanSlack([Number.POSITIVE_INFINITY, 0.5], 0.1, 1)).toThrow('values[0] must be a finite number, got Infinity');
  });
});

describe('B3/C3: trained error against the construction bound, paired', () => {
  it('B3: trained 0.02, 0.03, 0.01, 0.04 against bounds 0.05, 0.05, 0.06, 0.04 (×10), width 0.1 (python)', () => {
    const trained = repeat([0.02, 0.03, 0.01, 0.04], 10);
    const bound = repeat([0.05, 0.05, 0.06, 0.04], 10);
    const result = compareWithConstruction(trained, bound, 0.1, 0.05);
    expect(result.trainedMean).toBeCloseTo(0.025, 14);
    expect(result.constructMean).toBeCloseTo(0.05, 14);
    expect(result.slack).toBeCloseTo(0.042946940834673764, 14);
    expect(result.exceeds).toBe(false);
    expect(result.resolved).toBe(true);
  });

  it('B3: a trained error far above the bound exceeds; a wide width leaves it unresolved', () => {
    const bound = repeat([0.05, 0.05, 0.06, 0.04], 10);
    const above = compareWithConstruction(repeat([0.5, 0.6, 0.55, 0.45], 10), bound, 1, 0.05);
    expect(above.exceeds).toBe(true);
    const unresolved = compareWithConstruction(repeat([0.02, 0.03], 2), [0.05, 0.05, 0.05, 0.05], 1, 0.05);
    expect(unresolved.exceeds).toBe(false);
    expect(unresolved.resolved).toBe(false);
  });

  it('B3: exceeds is mean > slack and resolved is slack < constructMean, at their boundaries', () => {
    // Zero differences: mean 0, slack > 0: not exceeding; a bound mean equal to the slack is not resolved.
    const same = compareWithConstruction([0.3, 0.3], [0.3, 0.3], 0.5, 0.1);
    expect(same.exceeds).toBe(false);
    const slack = same.slack;
    const atSlack = compareWithConstruction([slack, slack], [slack, slack], 0.5, 0.1);
    expect(atSlack.slack).toBe(slack);
    expect(atSlack.resolved).toBe(false);
  });

  it('B3: lengths must match', () => {
    expect(() => compareWithConstruction([0.1, 0.2], [0.1], 1, 0.05)).toThrow(
      'bound length must be equal to the trained length (2), got 1',
    );
  });
});

describe('G1: the allowance test E[T] ≤ (1 + f)·min_j E[B_j] + c', () => {
  it('G1: the difference width (2 + f)·r, and its input checks', () => {
    expect(allowanceDifferenceWidth(0.5, 0.1)).toBeCloseTo(1.05, 15);
    expect(allowanceDifferenceWidth(1, 0)).toBe(2);
    expect(() => allowanceDifferenceWidth(0, 0.1)).toThrow('rateRange must be in (0, 1], got 0');
    expect(() => allowanceDifferenceWidth(1.5, 0.1)).toThrow('rateRange must be in (0, 1], got 1.5');
    expect(() => allowanceDifferenceWidth(0.5, -0.1)).toThrow('factor must be a finite number >= 0, got -0.1');
    expect(() => allowanceDifferenceWidth(0.5, Number.POSITIVE_INFINITY)).toThrow('factor must be a finite number >= 0, got Infinity');
  });

  const B1 = repeat([0.05, 0.05, 0.05, 0.05], 25);
  const B2 = repeat([0.3, 0.32, 0.28, 0.3], 25);
  const settings = (additive: number): MinAllowance => ({ factor: 0.1, additive, rateRange: 0.5, alpha: 0.05 });

  it('G1: bands per baseline, lower at α/J and upper at α (python)', () => {
    const T = repeat([0.05, 0.06, 0.04, 0.05], 25);
    const result = minAllowanceTest(T, [B1, B2], settings(0.02));
    expect(result.lowerAlpha).toBe(0.025);
    expect(result.upperAlpha).toBe(0.05);
    const expected = [
      [-0.005, -0.13286189973842152, 0.10554796836893532],
      [-0.28, -0.4083147325197974, -0.16903125665414875],
    ];
    result.differences.forEach((d, j) => {
      expect(d.mean).toBeCloseTo(expected[j]![0]!, 13);
      expect(d.lower).toBeCloseTo(expected[j]![1]!, 13);
      expect(d.upper).toBeCloseTo(expected[j]![2]!, 13);
    });
    expect(result.outcome).toBe('unresolved');
    expect(result.decisive).toBe(0);
    const holds = minAllowanceTest(T, [B1, B2], settings(0.2));
    expect(holds.outcome).toBe('holds');
    expect(holds.decisive).toBe(0);
    expect(minAllowanceTest(T, [B2, B1], settings(0.2)).decisive).toBe(1);
  });

  it('G1: a transformer far worse than both baselines is violated, decided by the largest lower bound (python)', () => {
    const T = repeat([0.5, 0.55, 0.45, 0.5], 25);
    const result = minAllowanceTest(T, [B1, B2], settings(0.02));
    expect(result.differences[0]!.lower).toBeCloseTo(0.3080814446340694, 13);
    expect(result.differences[1]!.lower).toBeCloseTo(0.03806260522919938, 13);
    expect(result.outcome).toBe('violated');
    expect(result.decisive).toBe(0);
    expect(minAllowanceTest(T, [B2, B1], settings(0.02)).decisive).toBe(1);
    // Worse than the better baseline only is enough: with c = 0.2 only baseline B1's lower bound exceeds c.
    expect(minAllowanceTest(T, [B2, B1], settings(0.2)).outcome).toBe('violated');
  });

  it('G1: boundaries: violated needs lower > c, holds needs every upper ≤ c', () => {
    const T = repeat([0.5, 0.55, 0.45, 0.5], 25);
    const { differences } = minAllowanceTest(T, [B1, B2], settings(0));
    const largestLower = Math.max(...differences.map((d) => d.lower));
    expect(minAllowanceTest(T, [B1, B2], settings(largestLower)).outcome).toBe('unresolved');
    const largestUpper = Math.max(...differences.map((d) => d.upper));
    expect(minAllowanceTest(T, [B1, B2], settings(largestUpper)).outcome).toBe('holds');
    expect(minAllowanceTest(T, [B1, B2], settings(largestUpper * (1 - 1e-12))).outcome).toBe('unresolved');
  });

  it('G1: bad input names the parameter and the value', () => {
    const T = [0.1, 0.2, 0.3];
    expect(() => minAllowanceTest(T, [], settings(0.02))).toThrow('baselines length must be at least 1, got 0');
    expect(() => minAllowanceTest(T, [[0.1, 0.2, 0.3], [0.1]], settings(0.02))).toThrow(
      "baselines[1] length must be equal to the transformer's (3), got 1",
    );
    expect(() => minAllowanceTest(T, [T], { ...settings(0.02), alpha: 0 })).toThrow('alpha must be a probability in (0, 1), got 0');
  });

  it('G1: instances planned for the upper bound to resolve at c (python: 322, capped at 200)', () => {
    expect(instancesToResolveAllowance(settings(0.05), 0.01, 1e7)).toBe(322);
    expect(instancesToResolveAllowance(settings(0.05), 0.01, 200)).toBe(200);
  });
});
