import { c2MeanBoundOfInstance, c2MStepBound } from '../bounds/c2-mstep-temperature';
import type { Instance } from '../theory/mixture';

// Known answers for claim C2's M-step bound (bounds/c2-mstep-temperature.ts), worked by hand.

/** The fields c2MeanBoundOfInstance reads: spec.n, spec.k and the labels. */
function labelled(k: number, labels: number[]): Instance {
  return { spec: { n: labels.length, k }, labels: Int32Array.from(labels) } as unknown as Instance;
}

describe('C2: (n − n_a)/(n − n_a + n_a·e^β) · max‖X_i − mean_a‖', () => {
  it('C2: n = 10, n_a = 4, β = ln 2, max deviation 3: 6/(6 + 8)·3 = 9/7', () => {
    expect(c2MStepBound(10, 4, Math.LN2, 3)).toBeCloseTo(9 / 7, 14);
  });

  it('C2: β = 0 gives the share of other points, (n − n_a)/n, times the deviation', () => {
    expect(c2MStepBound(8, 2, 0, 1)).toBe(0.75);
    expect(c2MStepBound(5, 1, 0, 2)).toBeCloseTo(1.6, 15);
  });

  it('C2: β = 1, n = 3, n_a = 1: 2/(2 + e)', () => {
    expect(c2MStepBound(3, 1, 1, 1)).toBeCloseTo(2 / (2 + Math.E), 15);
    expect(c2MStepBound(3, 2, 1, 0.5)).toBeCloseTo(0.5 / (1 + 2 * Math.E), 15);
  });

  it('C2: a cluster holding every point, or zero deviation, has bound 0', () => {
    expect(c2MStepBound(4, 4, 0.5, 2)).toBe(0);
    expect(c2MStepBound(1, 1, 0, 7)).toBe(0);
    expect(c2MStepBound(4, 1, 0.5, 0)).toBe(0);
  });

  it('C2: β so large that e^β overflows gives 0, never NaN', () => {
    expect(c2MStepBound(10, 3, 1000, 5)).toBe(0);
    expect(c2MStepBound(10, 3, Number.MAX_VALUE, 5)).toBe(0);
  });

  it('C2: bad input names the parameter and the value', () => {
    expect(() => c2MStepBound(0, 1, 1, 1)).toThrow('n must be an integer >= 1, got 0');
    expect(() => c2MStepBound(5, 0, 1, 1)).toThrow('clusterSize must be an integer in [1, 5], got 0');
    expect(() => c2MStepBound(5, 6, 1, 1)).toThrow('clusterSize must be an integer in [1, 5], got 6');
    expect(() => c2MStepBound(5, 2, -0.5, 1)).toThrow('beta must be a finite number >= 0, got -0.5');
    expect(() => c2MStepBound(5, 2, Number.NaN, 1)).toThrow('beta must be a finite number >= 0, got NaN');
    expect(() => c2MStepBound(5, 2, Number.POSITIVE_INFINITY, 1)).toThrow('beta must be a finite number >= 0, got Infinity');
    expect(() => c2MStepBound(5, 2, 1, -1)).toThrow('maxDeviation must be a finite number >= 0, got -1');
    expect(() => c2MStepBound(5, 2, 1, Number.NaN)).toThrow('maxDeviation must be a finite number >= 0, got NaN');
    expect(() => c2MStepBound(5, 2, 1, Number.POSITIVE_INFINITY)).toThrow('maxDeviation must be a finite number >= 0, got Infinity');
  });
});

describe('C2/C3: the bound per instance, averaged over clusters at deviation 1', () => {
  it('C3: labels 0,0,0,1,1,2 at β = ln 2: (3/9 + 4/8 + 5/7)/3', () => {
    const instance = labelled(3, [0, 0, 0, 1, 1, 2]);
    expect(c2MeanBoundOfInstance(instance, Math.LN2)).toBeCloseTo((1 / 3 + 1 / 2 + 5 / 7) / 3, 14);
  });

  it('C3: labels in any order give the same average; β = 0 gives (k − 1)/k for equal clusters', () => {
    expect(c2MeanBoundOfInstance(labelled(3, [2, 0, 1, 0, 1, 0]), Math.LN2)).toBeCloseTo((1 / 3 + 1 / 2 + 5 / 7) / 3, 14);
    expect(c2MeanBoundOfInstance(labelled(4, [0, 1, 2, 3, 3, 2, 1, 0]), 0)).toBeCloseTo(0.75, 15);
  });

  it('C3: one cluster holding every point gives 0', () => {
    expect(c2MeanBoundOfInstance(labelled(1, [0, 0, 0]), 2)).toBe(0);
  });
});
