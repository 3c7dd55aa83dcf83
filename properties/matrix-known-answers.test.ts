import {
  assertFiniteMatrix,
  assertSameWidth,
  cloneMatrix,
  fromRows,
  get,
  type Matrix,
  row,
  squaredDistance,
  toRows,
  zeros,
} from '../theory/matrix';
import { kmeansObjective } from '../theory/objective';
import { responsibilityDefects } from '../theory/responsibility-defects';
import { samePartition } from '../theory/same-partition';

/** Known answers for theory/matrix.ts and the small functions built on it, worked by hand. */

function thrown(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error');
}

const m = (rows: number, cols: number, values: number[]): Matrix => ({ rows, cols, data: Float64Array.from(values) });

describe('theory/matrix: known answers and messages', () => {
  test('zeros: rows×cols of 0, including empty shapes; negative or fractional sizes are rejected', () => {
    expect(zeros(2, 3)).toEqual({ rows: 2, cols: 3, data: new Float64Array(6) });
    expect(zeros(0, 0).data).toHaveLength(0);
    expect(thrown(() => zeros(-1, 2))).toBe('rows must be an integer >= 0, got -1');
    expect(thrown(() => zeros(2, 1.5))).toBe('cols must be an integer >= 0, got 1.5');
  });

  test('fromRows / toRows / row / get round trip a 2×3 matrix', () => {
    const a = fromRows('a', [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(a.rows).toBe(2);
    expect(a.cols).toBe(3);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(toRows(a)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(Array.from(row(a, 1))).toEqual([4, 5, 6]);
    expect(get(a, 1, 2)).toBe(6);
    expect(get(a, 0, 1)).toBe(2);
  });

  test('cloneMatrix copies the data (a write to the copy leaves the original)', () => {
    const a = m(1, 2, [1, 2]);
    const b = cloneMatrix(a);
    b.data[0] = 9;
    expect(Array.from(a.data)).toEqual([1, 2]);
    expect(b.rows).toBe(1);
    expect(b.cols).toBe(2);
  });

  test.each([
    ['not an array', 5, 'points must be a non-empty array of rows, got 5'],
    ['no rows', [], 'points must be a non-empty array of rows, got []'],
    ['a first row that is not an array', [3], 'points[0] must be a non-empty array of numbers, got 3'],
    ['an empty first row', [[]], 'points[0] must be a non-empty array of numbers, got []'],
    ['a ragged row', [[1, 2], [3]], 'points[1] must be a row of length 2 (rows must not be ragged), got "a row of length 1"'],
    ['a later row that is not an array', [[1, 2], 7], 'points[1] must be a row of length 2 (rows must not be ragged), got 7'],
    [
      'a non-finite entry',
      [
        [1, 2],
        [3, Number.NaN],
      ],
      'points[1][1] must be a finite number, got NaN',
    ],
    ['an infinite entry', [[Number.POSITIVE_INFINITY]], 'points[0][0] must be a finite number, got Infinity'],
    ['a string entry', [[1, '2']], 'points[0][1] must be a finite number, got "2"'],
  ])('fromRows rejects %s, naming the position', (_what, rows, message) => {
    expect(thrown(() => fromRows('points', rows))).toBe(message);
  });

  test('squaredDistance between rows of two matrices: (1−4)² + (2−6)² = 25', () => {
    const a = m(2, 2, [0, 0, 1, 2]);
    const b = m(2, 2, [4, 6, 0, 0]);
    expect(squaredDistance(a, 1, b, 0)).toBe(25);
    expect(squaredDistance(a, 0, b, 1)).toBe(0);
    expect(squaredDistance(a, 1, b, 1)).toBe(5);
  });

  test('assertFiniteMatrix names the row and column of the first non-finite entry', () => {
    const ok = m(2, 3, [1, 2, 3, 4, 5, 6]);
    expect(assertFiniteMatrix('x', ok)).toBe(ok);
    expect(thrown(() => assertFiniteMatrix('x', m(2, 3, [1, 2, 3, 4, Number.NaN, 6])))).toBe('x[1][1] must be a finite number, got NaN');
    expect(thrown(() => assertFiniteMatrix('x', m(2, 3, [1, 2, Number.NEGATIVE_INFINITY, 4, 5, 6])))).toBe(
      'x[0][2] must be a finite number, got -Infinity',
    );
  });

  test('assertSameWidth names the second matrix, its width and the first one’s', () => {
    expect(() => assertSameWidth('points', m(1, 2, [0, 0]), 'centers', m(1, 2, [0, 0]))).not.toThrow();
    expect(thrown(() => assertSameWidth('points', m(1, 2, [0, 0]), 'centers', m(1, 3, [0, 0, 0])))).toBe(
      'centers width must be equal to the dimension of points (2), got 3',
    );
  });
});

describe('small functions on matrices: known answers', () => {
  test('A2: the k-means objective of a hand-worked case', () => {
    // points 0, 2, 10 (d = 1), centers 1 and 10: (0−1)² + (2−1)² + 0 = 2
    const points = m(3, 1, [0, 2, 10]);
    const centers = m(2, 1, [1, 10]);
    expect(kmeansObjective(points, Int32Array.from([0, 0, 1]), centers)).toBe(2);
    // the other labelling: (0−10)² + (2−1)² + (10−1)² = 182
    expect(kmeansObjective(points, Int32Array.from([1, 0, 0]), centers)).toBe(182);
  });

  test('A2: the k-means objective rejects a labelling of the wrong length or width', () => {
    const points = m(3, 1, [0, 2, 10]);
    expect(thrown(() => kmeansObjective(points, Int32Array.from([0, 1]), m(2, 1, [1, 10])))).toBe(
      'labels length must be equal to the number of points (3), got 2',
    );
    expect(thrown(() => kmeansObjective(points, Int32Array.from([0, 0, 1]), m(1, 2, [1, 10])))).toBe(
      'centers width must be equal to the dimension of points (1), got 2',
    );
  });

  test('A1: samePartition on hand-made labellings', () => {
    expect(samePartition([0, 0, 1, 2], [5, 5, 3, 4])).toBe(true);
    expect(samePartition([], [])).toBe(true);
    expect(samePartition([0, 1], [0])).toBe(false);
    // a merge: two labels of a map to one of b (forward is fine, backward is not)
    expect(samePartition([0, 1], [3, 3])).toBe(false);
    // a split: one label of a maps to two of b
    expect(samePartition([3, 3], [0, 1])).toBe(false);
    expect(samePartition([0, 1, 0], [1, 0, 1])).toBe(true);
    expect(samePartition([0, 1, 0], [1, 0, 0])).toBe(false);
  });

  test('A3: responsibilityDefects counts negative and NaN entries and the worst row-sum error', () => {
    const w = m(3, 2, [0.25, 0.75, -0.5, 1.5, Number.NaN, 0.2]);
    const defects = responsibilityDefects(w);
    expect(defects.negativeEntries).toBe(2);
    expect(defects.worstRowSumError).toBeNaN();
    const finite = responsibilityDefects(m(3, 2, [0.25, 0.75, 0, 1.25, 0.5, 0.25]));
    expect(finite).toEqual({ negativeEntries: 0, worstRowSumError: 0.25 });
    expect(responsibilityDefects(m(1, 2, [0.5, 0.5]))).toEqual({ negativeEntries: 0, worstRowSumError: 0 });
    // a row summing to 0.5 below 1 counts as much as one 0.5 above
    expect(responsibilityDefects(m(2, 1, [0.5, 1.25])).worstRowSumError).toBe(0.5);
  });
});
