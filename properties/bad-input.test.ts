import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { parseClusterOptions } from '../reports/cli/cluster';
import { parseSampleOptions } from '../reports/cli/sample';
import { parseTrainOptions, type TRAIN_TARGETS } from '../reports/cli/train';
import { em } from '../theory/em';
import { hardEStep, softEStep } from '../theory/estep';
import { kmeansPlusPlus, perturbedTruth } from '../theory/init';
import { lloyd } from '../theory/lloyd';
import { fromRows, type Matrix } from '../theory/matrix';
import { mislabelRate } from '../theory/mislabel';
import { type MixtureSpec, sampleInstance } from '../theory/mixture';
import { Rng } from '../theory/rng';
import { InputError } from '../theory/validate';

const base: MixtureSpec = { k: 3, d: 2, n: 30, delta: 4, sigma: 1, layout: 'simplex', variant: { kind: 'isotropic' } };

/** Asserts that `run` throws an InputError whose message names `parameter` and shows `value`. */
function expectNamedError(run: () => unknown, parameter: string, value: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InputError);
  expect((caught as Error).message).toContain(parameter);
  expect((caught as Error).message).toContain(value);
}

describe('bad input is rejected with an error naming the parameter and value', () => {
  test.prop([fc.integer({ max: 0 })])('k < 1', (k) => expectNamedError(() => sampleInstance({ ...base, k }, new Rng(1)), 'k', String(k)));
  test.prop([fc.integer({ min: -5, max: 0 })])('d < 1', (d) =>
    expectNamedError(() => sampleInstance({ ...base, d }, new Rng(1)), 'd', String(d)),
  );
  test.prop([fc.integer({ min: 1, max: 8 }).chain((k) => fc.tuple(fc.constant(k), fc.integer({ min: 0, max: k - 1 })))])(
    'n < k',
    ([k, n]) => expectNamedError(() => sampleInstance({ ...base, k, d: 8, n }, new Rng(1)), 'n', String(n)),
  );
  test.prop([fc.oneof(fc.double({ max: 0, noNaN: true }), fc.constant(NaN), fc.constant(Infinity))])('Δ ≤ 0 or not finite', (delta) =>
    expectNamedError(() => sampleInstance({ ...base, delta }, new Rng(1)), 'delta', String(delta)),
  );
  test.prop([fc.oneof(fc.double({ max: 0, noNaN: true }), fc.constant(NaN))])('σ ≤ 0', (sigma) =>
    expectNamedError(() => sampleInstance({ ...base, sigma }, new Rng(1)), 'sigma', String(sigma)),
  );
  test.prop([fc.integer({ min: 3, max: 10 }).chain((k) => fc.tuple(fc.constant(k), fc.integer({ min: 1, max: k - 2 })))])(
    'simplex with d < k−1',
    ([k, d]) => expectNamedError(() => sampleInstance({ ...base, k, d, n: 5 * k }, new Rng(1)), 'd', String(d)),
  );
  test.prop([fc.string({ minLength: 1 }).filter((s) => !['isotropic', 'anisotropic', 'imbalanced', 'heavy-tailed'].includes(s))])(
    'an unknown variant',
    (kind) =>
      expectNamedError(
        () => sampleInstance({ ...base, variant: { kind } as unknown as MixtureSpec['variant'] }, new Rng(1)),
        'variant',
        JSON.stringify(kind),
      ),
  );
  test.prop([fc.double({ max: 2, noNaN: true })])('heavy-tailed with ν ≤ 2', (nu) =>
    expectNamedError(() => sampleInstance({ ...base, variant: { kind: 'heavy-tailed', nu } }, new Rng(1)), 'nu', String(nu)),
  );
  test.prop([fc.constantFrom(NaN, Infinity, -Infinity), fc.nat(5), fc.nat(1)])('NaN or Infinity in data', (bad, i, j) => {
    const rows = Array.from({ length: 6 }, (_, r) => [r, r + 1]);
    rows[i]![j] = bad;
    expectNamedError(() => fromRows('points', rows), `points[${i}][${j}]`, String(bad));
  });
  test.prop([fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 })])('ragged point arrays', (width, badRow) => {
    const rows = Array.from({ length: 6 }, () => new Array<number>(width).fill(0));
    rows[badRow] = new Array<number>(width + 1).fill(0);
    expectNamedError(() => fromRows('points', rows), `points[${badRow}]`, String(width + 1));
  });

  const points = fromRows('points', [
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 3],
  ]);
  const nanPoints: Matrix = { ...points, data: Float64Array.from([0, 0, NaN, 1, 2, 2, 3, 3]) };
  const centers = fromRows('centers', [
    [0, 0],
    [3, 3],
  ]);
  test('algorithms reject NaN points and mismatched widths', () => {
    expectNamedError(() => lloyd(nanPoints, centers), 'points[1][0]', 'NaN');
    expectNamedError(() => em(nanPoints, centers), 'points[1][0]', 'NaN');
    expectNamedError(() => hardEStep(points, fromRows('centers', [[0, 0, 0]])), 'centers width', '3');
    expectNamedError(() => softEStep(points, centers, -1), 'beta', '-1');
    expectNamedError(() => lloyd(points, centers, { maxIterations: 0 }), 'maxIterations', '0');
    expectNamedError(() => kmeansPlusPlus(points, 5, new Rng(1)), 'k', '5');
    expectNamedError(() => perturbedTruth(centers, -0.1, new Rng(1)), 'lambda0', '-0.1');
    expectNamedError(() => mislabelRate([0, 1], [0, 2], 2), 'truth[1]', '2');
    expectNamedError(() => mislabelRate([0], [0, 1], 2), 'predicted length', '1');
    expectNamedError(() => new Rng(-1), 'seed', '-1');
  });
});

describe('the CLI option schemas name the flag and the value in one line', () => {
  const cluster = { method: 'lloyd', init: 'kmeans++', lambda0: 0.3, covariance: 'shared', seed: 1, input: '-' };
  const sample = {
    k: 3,
    d: 2,
    n: 30,
    delta: 4,
    sigma: 1,
    layout: 'simplex',
    variant: 'isotropic',
    lambdaMin: 0.5,
    lambdaMax: 2,
    alpha: 0.1,
    nu: 3,
    seed: 1,
  };
  const oneLine = (run: () => unknown): string => {
    let caught: unknown;
    try {
      run();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    const { message } = caught as Error;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  };

  test.prop([fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true })])('--lambda0 < 0 reads ">= 0"', (lambda0) =>
    expect(oneLine(() => parseClusterOptions({ ...cluster, lambda0 }))).toBe(`--lambda0 must be a finite number >= 0, got ${lambda0}`),
  );
  test.prop([
    fc.integer({ min: 1, max: 10 }),
    fc.oneof(fc.double({ max: 0, noNaN: true, noDefaultInfinity: true }), fc.double({ min: 1.01, max: 2 })),
  ])('--alpha outside (0, 1/k] reads "> 0"', (k, share) => {
    const alpha = share > 0 ? share / k : share;
    const message = oneLine(() => parseSampleOptions({ ...sample, k, n: 10 * k, d: k, variant: 'imbalanced', alpha }));
    expect(message).toBe(`--alpha must be a finite number > 0 and <= 1/k = ${1 / k}, got ${alpha}`);
  });
  test.prop([fc.string().filter((m) => !['lloyd', 'em', 'oracle', 'attention-lloyd', 'transformer'].includes(m))])(
    'an unknown --method lists all five methods',
    (method) =>
      expect(oneLine(() => parseClusterOptions({ ...cluster, method }))).toBe(
        `--method must be one of lloyd, em, oracle, attention-lloyd, transformer, got ${JSON.stringify(method)}`,
      ),
  );

  /** A valid set of options of each --target. */
  const valid: Record<(typeof TRAIN_TARGETS)[number], Record<string, unknown>> = {
    estep: { heads: 2 },
    mstep: { heads: 2 },
    approx: { heads: 2 },
    transformer: {},
  };
  /** [target, flag, key, value]: an option that belongs to other targets only. */
  const foreign = [
    ['estep', '--function', 'function', 'reciprocal'],
    ['estep', '--init', 'init', 'none'],
    ['mstep', '--function', 'function', 'square-norm'],
    ['mstep', '--init', 'init', 'kmeans++'],
    ['approx', '--k', 'k', 3],
    ['approx', '--n', 'n', 10],
    ['approx', '--beta-cap', 'betaCap', 4],
    ['approx', '--init', 'init', 'none'],
    ['transformer', '--heads', 'heads', 2],
    ['transformer', '--d', 'd', 3],
    ['transformer', '--n', 'n', 32],
    ['transformer', '--beta-cap', 'betaCap', 4],
    ['transformer', '--function', 'function', 'reciprocal'],
  ] as const;
  test.prop([fc.constantFrom(...foreign)])('train: an option of another --target is rejected naming it', ([target, flag, key, value]) => {
    const options = { target, seed: 1, ...valid[target] };
    expect(() => parseTrainOptions(options)).not.toThrow();
    expect(oneLine(() => parseTrainOptions({ ...options, [key]: value }))).toBe(`${flag} does not apply to --target ${target}`);
  });
});
