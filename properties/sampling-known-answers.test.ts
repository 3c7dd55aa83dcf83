import { kmeansPlusPlus, perturbedTruth } from '../theory/init';
import { fromRows, type Matrix, toRows } from '../theory/matrix';
import { type MixtureSpec, sampleInstance } from '../theory/mixture';
import { Rng } from '../theory/rng';

/**
 * Known answers for the seeded constructions of CLAIMS.md §1–§2: instances (layouts, cluster
 * sizes, shuffled labels, the four noise laws), perturbed-truth and greedy k-means++. The expected
 * values come from an independent Python model of theory/init.ts, layouts.ts, orthonormal.ts and
 * mixture.ts, written from their definitions on top of the Python model of theory/rng.ts that
 * properties/rng-known-answers.test.ts checks (python3, 2026-11-30). Floats are compared to 1e-12
 * relative (Python's libm may differ from V8's in the last bit of hypot, log or pow).
 */

function expectClose(actual: ArrayLike<number>, expected: readonly number[], relative = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((x, t) => expect(Math.abs(actual[t]! - x)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(x))));
}

const spec = (
  k: number,
  d: number,
  n: number,
  delta: number,
  sigma: number,
  layout: MixtureSpec['layout'],
  variant: MixtureSpec['variant'],
) => ({
  k,
  d,
  n,
  delta,
  sigma,
  layout,
  variant,
});

describe('instances: known answers (independent Python model, seed 31)', () => {
  test.each([
    [
      'simplex, isotropic',
      spec(3, 2, 10, 4, 0.5, 'simplex', { kind: 'isotropic' }),
      [-0.051348485820069345, -2.3088301510369527, 2.025179806731498, 1.1099459823524311, -1.9738313209114289, 1.1988841686845217],
      [0, 1, 0, 1, 0, 1, 2, 2, 0, 2],
      -3.7176029022218553,
      [-0.9635149778348978, -2.39476218246975],
    ],
    [
      'random, imbalanced α = 0.1',
      spec(4, 3, 9, 2, 1.5, 'random', { kind: 'imbalanced', alpha: 0.1 }),
      [
        -1.2423638987697958, -2.0454159287566194, 0.8476025273554157, -2.419924206475425, -0.7836589625135785, 1.858206841542418,
        -0.6721453848854183, -0.4302157187566706, -0.5398075511753703, -2.6000998751714683, -0.44678544024948647, -1.4841952207217495,
      ],
      [2, 2, 1, 3, 1, 3, 1, 0, 2],
      -5.420714660130664,
      [0.8130889393106343, 3.5481782532833637, -0.7142942999814652],
    ],
    [
      'simplex, heavy-tailed ν = 4.5',
      spec(2, 2, 6, 3, 1, 'simplex', { kind: 'heavy-tailed', nu: 4.5 }),
      [-0.7786981097068378, -1.2820410500210189, 0.7786981097068378, 1.2820410500210189],
      [1, 0, 0, 1, 0, 1],
      -2.5199754500953135,
      [1.6207674983096343, 0.6570545098785925],
    ],
    [
      'random, anisotropic λ ∈ [0.5, 2]',
      spec(2, 3, 5, 3, 0.7, 'random', { kind: 'anisotropic', lambdaMin: 0.5, lambdaMax: 2 }),
      [-1.8635458481546936, -3.068123893134929, 1.2714037910331235, -3.6298863097131377, -1.1754884437703677, 2.7873102623136266],
      [0, 1, 0, 1, 0],
      -14.594098313252173,
      [-3.70693305723296, -4.718638033555289, 1.6077406031479726],
    ],
    [
      'one cluster at the origin',
      spec(1, 2, 3, 1, 1, 'simplex', { kind: 'isotropic' }),
      [0, 0],
      [0, 0, 0],
      -4.238779503028693,
      [-1.030936672805192, -0.5578626174453182],
    ],
  ] as const)('%s: centers, labels, the sum of all coordinates and the first point', (_name, s, centers, labels, sum, first) => {
    const instance = sampleInstance(s as MixtureSpec, new Rng(31));
    expectClose(instance.centers.data, centers);
    expect(Array.from(instance.labels)).toEqual(labels);
    expectClose([instance.points.data.reduce((t, x) => t + x, 0)], [sum], 1e-11);
    expectClose(instance.points.data.subarray(0, s.d), first);
  });
});

describe('initializations: known answers (independent Python model)', () => {
  test('perturbed-truth: Λ_0 = 0.25 on centers (0, 0), (3, 0), (0, 4), seed 6', () => {
    const square = fromRows('square', [
      [0, 0],
      [3, 0],
      [0, 4],
    ]);
    expectClose(
      perturbedTruth(square, 0.25, new Rng(6)).data,
      [-0.003967726691628502, -0.18002402792090139, 3.748627605938604, 0.04535093854193239, -0.27420569448208076, 4.001315816894892],
    );
  });

  const twelve: Matrix = fromRows('points', [
    [0, 0],
    [0.5, 0.1],
    [1, 1],
    [5, 5],
    [5.5, 4.8],
    [6, 5.2],
    [10, 0],
    [10.2, 0.3],
    [9.7, -0.4],
    [3, 8],
    [2.5, 8.5],
    [3.2, 7.6],
  ]);

  test.each([
    [
      1,
      [
        [10, 0],
        [2.5, 8.5],
        [0.5, 0.1],
        [5, 5],
      ],
    ],
    [
      2,
      [
        [6, 5.2],
        [0.5, 0.1],
        [10.2, 0.3],
        [3, 8],
      ],
    ],
    [
      3,
      [
        [5.5, 4.8],
        [0.5, 0.1],
        [9.7, -0.4],
        [3, 8],
      ],
    ],
    [
      4,
      [
        [5, 5],
        [0.5, 0.1],
        [10, 0],
        [3, 8],
      ],
    ],
    [
      5,
      [
        [1, 1],
        [6, 5.2],
        [10.2, 0.3],
        [3, 8],
      ],
    ],
  ])('greedy k-means++ on four groups of three points, k = 4, seed %p', (seed, centers) => {
    expect(toRows(kmeansPlusPlus(twelve, 4, new Rng(seed)))).toEqual(centers);
  });

  test('greedy k-means++ with k = n = 12 (3 candidates a step; zero masses once points are chosen), seed 9', () => {
    expect(toRows(kmeansPlusPlus(twelve, 12, new Rng(9)))).toEqual([
      [2.5, 8.5],
      [10.2, 0.3],
      [0.5, 0.1],
      [5.5, 4.8],
      [1, 1],
      [3.2, 7.6],
      [9.7, -0.4],
      [0, 0],
      [6, 5.2],
      [5, 5],
      [3, 8],
      [10, 0],
    ]);
  });

  // What a construction draws is part of the stream: the next uniform after it, from the same model.
  test.each([
    ['k-means++, k = 4, seed 1 (no candidates drawn after the last center)', 4, 1, 0.11839465576165853],
    ['k-means++, k = 12, seed 9', 12, 9, 0.6777367906952707],
  ])('the stream after %s', (_name, k, seed, next) => {
    const rng = new Rng(seed);
    kmeansPlusPlus(twelve, k, rng);
    expect(rng.uniform()).toBe(next);
  });

  test('k-means++ on identical points (total 0: uniform candidates by rng.int), and the stream after it, seed 4', () => {
    const same = fromRows('same', [
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    const rng = new Rng(4);
    expect(toRows(kmeansPlusPlus(same, 2, rng))).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(rng.uniform()).toBe(0.12651101255658903);
  });

  test('the stream after perturbed-truth (seed 6) and after an instance (seed 31)', () => {
    const square = fromRows('square', [
      [0, 0],
      [3, 0],
      [0, 4],
    ]);
    const rng = new Rng(6);
    perturbedTruth(square, 0.25, rng);
    expect(rng.uniform()).toBe(0.707248130022257);
    const other = new Rng(31);
    sampleInstance(spec(3, 2, 10, 4, 0.5, 'simplex', { kind: 'isotropic' }) as MixtureSpec, other);
    expect(other.uniform()).toBe(0.5474826426307597);
  });
});
