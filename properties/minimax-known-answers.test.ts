import {
  envelopeExponentRatio,
  logMinimaxEnvelope,
  logSimplexUnionBound,
  logSingleRunEnvelope,
  logUnionBoundPerCluster,
  logWeightedUnionBound,
} from '../bounds/minimax';
import { fromRows } from '../theory/matrix';

// Known answers for claim F1's union bounds and the F1/F2 minimax envelopes (bounds/minimax.ts).
// Values marked "scipy" were computed once with /usr/bin/python3 (scipy.stats.norm.cdf / logcdf).

describe('F1: union bound per cluster and averaged, known answers', () => {
  it('F1: centers 0, 2, 6 on a line, σ = 1: B_a = Σ_{b≠a} Φ(−|μ_a − μ_b|/2) (scipy)', () => {
    const centers = fromRows('centers', [[0], [2], [6]]);
    const perCluster = logUnionBoundPerCluster(centers, 1);
    expect(perCluster).toHaveLength(3);
    // log(Φ(−1) + Φ(−3)), log(Φ(−1) + Φ(−2)), log(Φ(−3) + Φ(−2))
    expect(perCluster[0]).toBeCloseTo(-1.8325492644974166, 12);
    expect(perCluster[1]).toBeCloseTo(-1.7070210511154185, 12);
    expect(perCluster[2]).toBeCloseTo(-3.7255421945108123, 12);
    // log(0.2·B_0 + 0.3·B_1 + 0.5·B_2)
    expect(logWeightedUnionBound(centers, 1, [0.2, 0.3, 0.5])).toBeCloseTo(-2.317976321141793, 12);
  });

  it('F1: centers (0,0), (3,4), (0,8) in the plane, σ = 2 (Euclidean distances 5, 8, 5; scipy)', () => {
    const centers = fromRows('centers', [
      [0, 0],
      [3, 4],
      [0, 8],
    ]);
    const perCluster = logUnionBoundPerCluster(centers, 2);
    expect(perCluster[0]).toBeCloseTo(-2.052605622811947, 12);
    expect(perCluster[1]).toBeCloseTo(-1.554478496654372, 12);
    expect(perCluster[2]).toBeCloseTo(-2.052605622811947, 12);
    expect(logWeightedUnionBound(centers, 2, [0.5, 0.25, 0.25])).toBeCloseTo(-1.902971632129253, 12);
  });

  it('F1: far in the tail the sums stay finite in log space (Φ(−40) ≈ e^{−804.6}; scipy)', () => {
    // Centers 0, 80, 160, σ = 1: B_1 = 2Φ(−40), B_0 = B_2 = Φ(−40) + Φ(−80) ≈ Φ(−40).
    const centers = fromRows('centers', [[0], [80], [160]]);
    const perCluster = logUnionBoundPerCluster(centers, 1);
    expect(perCluster[0]).toBeCloseTo(-804.6084420137539, 9);
    expect(perCluster[1]).toBeCloseTo(-803.915294833194, 9);
    expect(perCluster[2]).toBeCloseTo(-804.6084420137539, 9);
    // log(½·Φ(−40) + ¼·2Φ(−40) + ¼·Φ(−40)) = log(1.25) + log Φ(−40), and similarly log 1.5 + log Φ(−40)
    expect(logWeightedUnionBound(centers, 1, [0.5, 0.25, 0.25])).toBeCloseTo(Math.log(1.25) - 804.6084420137539, 9);
    expect(logWeightedUnionBound(centers, 1, [0.25, 0.5, 0.25])).toBeCloseTo(Math.log(1.5) - 804.6084420137539, 9);
  });

  it('F1: a single cluster has no rival: log B = −∞, per cluster and averaged', () => {
    const one = fromRows('centers', [[1, 2]]);
    expect(logUnionBoundPerCluster(one, 1)).toEqual([-Infinity]);
    expect(logWeightedUnionBound(one, 1, [1])).toBe(-Infinity);
  });

  it('F1: the weights count: putting all weight on one cluster gives that cluster’s bound', () => {
    const centers = fromRows('centers', [[0], [2], [6]]);
    const perCluster = logUnionBoundPerCluster(centers, 1);
    expect(logWeightedUnionBound(centers, 1, [1e-300, 1e-300, 1])).toBeCloseTo(perCluster[2]!, 12);
    expect(logWeightedUnionBound(centers, 1, [1, 1e-300, 1e-300])).toBeCloseTo(perCluster[0]!, 12);
  });

  it('F1: bad weights name the weight and the value', () => {
    const centers = fromRows('centers', [[0], [2], [6]]);
    expect(() => logWeightedUnionBound(centers, 1, [0.5, 0, 0.5])).toThrow('weights[1] must be a finite number > 0, got 0');
    expect(() => logWeightedUnionBound(centers, 1, [0.5, 0.5, -1])).toThrow('weights[2] must be a finite number > 0, got -1');
    expect(() => logWeightedUnionBound(centers, 1, [1, 1, 1, 1])).toThrow('weights length must be equal to k = 3, got 4');
    expect(() => logUnionBoundPerCluster(centers, 0)).toThrow('sigma must be a finite number > 0, got 0');
  });
});

describe('F1/F2: simplex union bound and envelopes, known answers', () => {
  it('F1: log((k − 1)Φ(−Δ/2σ)) at k = 5, Δ = 3, σ = 0.5 is log 4 + log Φ(−3) (scipy)', () => {
    expect(logSimplexUnionBound(5, 3, 0.5)).toBeCloseTo(-5.221431860390459, 12);
    expect(logSimplexUnionBound(2, 80, 1)).toBeCloseTo(-804.6084420137539, 9);
    expect(logSimplexUnionBound(3, 80, 1)).toBeCloseTo(-803.915294833194, 9);
  });

  it('F1: the minimax envelope is −Δ²/8σ², the single-run one −Δ²/16σ²', () => {
    expect(logMinimaxEnvelope(4, 2)).toBe(-0.5);
    expect(logMinimaxEnvelope(6, 1)).toBe(-4.5);
    expect(logSingleRunEnvelope(4, 2)).toBe(-0.25);
    expect(logSingleRunEnvelope(8, 1)).toBe(-4);
    expect(logMinimaxEnvelope(1000, 1)).toBe(-125000);
  });

  it('F1: the exponent ratio −log Φ(−Δ/2σ)/(Δ²/8σ²) at Δ/σ = 3 is 2.40528… (scipy)', () => {
    expect(envelopeExponentRatio(3, 1)).toBeCloseTo(2.4052839118434575, 12);
    expect(envelopeExponentRatio(1.5, 0.5)).toBeCloseTo(2.4052839118434575, 12);
  });

  it('F1/F2: bad Δ, σ and k name the parameter and the value', () => {
    expect(() => logSimplexUnionBound(2.5, 1, 1)).toThrow('k must be an integer >= 2, got 2.5');
    expect(() => logSimplexUnionBound(2, 0, 1)).toThrow('delta must be a finite number > 0, got 0');
    expect(() => logSimplexUnionBound(2, 1, -1)).toThrow('sigma must be a finite number > 0, got -1');
    expect(() => logMinimaxEnvelope(-1, 1)).toThrow('delta must be a finite number > 0, got -1');
    expect(() => logMinimaxEnvelope(1, 0)).toThrow('sigma must be a finite number > 0, got 0');
    expect(() => logSingleRunEnvelope(0, 1)).toThrow('delta must be a finite number > 0, got 0');
    expect(() => logSingleRunEnvelope(1, Number.NaN)).toThrow('sigma must be a finite number > 0, got NaN');
    expect(() => envelopeExponentRatio(0, 1)).toThrow('delta must be a finite number > 0, got 0');
    expect(() => envelopeExponentRatio(1, 0)).toThrow('sigma must be a finite number > 0, got 0');
  });
});
