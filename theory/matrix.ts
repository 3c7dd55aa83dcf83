import { assertInteger, fail } from './validate';

/**
 * A dense row-major float64 matrix. Points are an n×d matrix (one row per point), centers a
 * k×d matrix, responsibilities an n×k matrix.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function zeros(rows: number, cols: number): Matrix {
  assertInteger('rows', rows, 0);
  assertInteger('cols', cols, 0);
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function cloneMatrix(m: Matrix): Matrix {
  return { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) };
}

/**
 * Builds a matrix from nested arrays, rejecting ragged rows and non-finite entries with an
 * error naming `parameter` and the offending position.
 */
export function fromRows(parameter: string, rows: unknown): Matrix {
  if (!Array.isArray(rows) || rows.length === 0) fail(parameter, rows, 'a non-empty array of rows');
  const first = rows[0];
  if (!Array.isArray(first) || first.length === 0) fail(`${parameter}[0]`, first, 'a non-empty array of numbers');
  const cols = first.length;
  const out = zeros(rows.length, cols);
  rows.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      fail(
        `${parameter}[${i}]`,
        Array.isArray(row) ? `a row of length ${row.length}` : row,
        `a row of length ${cols} (rows must not be ragged)`,
      );
    }
    row.forEach((x: unknown, j) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${parameter}[${i}][${j}]`, x, 'a finite number');
      out.data[i * cols + j] = x;
    });
  });
  return out;
}

export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

export function row(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

export function get(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j] as number;
}

/** ‖A_i − B_j‖² for rows of two matrices of equal width. */
export function squaredDistance(a: Matrix, i: number, b: Matrix, j: number): number {
  const d = a.cols;
  const ao = i * d;
  const bo = j * d;
  let s = 0;
  for (let c = 0; c < d; c++) {
    const t = (a.data[ao + c] as number) - (b.data[bo + c] as number);
    s += t * t;
  }
  return s;
}

/** Rejects matrices holding NaN or ±Infinity. */
export function assertFiniteMatrix(parameter: string, m: Matrix): Matrix {
  for (let t = 0; t < m.data.length; t++) {
    const x = m.data[t] as number;
    if (!Number.isFinite(x)) fail(`${parameter}[${Math.floor(t / m.cols)}][${t % m.cols}]`, x, 'a finite number');
  }
  return m;
}

export function assertSameWidth(pointsName: string, points: Matrix, centersName: string, centers: Matrix): void {
  if (points.cols !== centers.cols) {
    fail(`${centersName} width`, centers.cols, `equal to the dimension of ${pointsName} (${points.cols})`);
  }
}
