import * as tf from '@tensorflow/tfjs';
import { assertSameWidth, type Matrix } from '../theory/matrix';
import { assertInteger, fail } from '../theory/validate';

/**
 * The token layout of the hand-set E-step, M-step and Lloyd constructions (claims B1, C1, C2,
 * E1). One sequence of T = n + k + 1 tokens:
 * - tokens 0..n−1 are data tokens, one per point X_i;
 * - tokens n..n+k−1 are centroid tokens, one per cluster a;
 * - token n+k is the null token: all zeros, an attention sink for rows that must not change
 *   (its value under every projection is 0, and every layer maps it to itself).
 *
 * Each token has width D = 3d + 2k + 2, in slots:
 * | slot    | coordinates          | data token i       | centroid token a        |
 * |---------|----------------------|--------------------|-------------------------|
 * | point   | [0, d)               | X_i                | 0                       |
 * | center  | [d, 2d)              | 0                  | μ_a (the current center)|
 * | next    | [2d, 3d)             | 0                  | scratch: the M-step's new center (and the initial center on input) |
 * | sqNorm  | 3d                   | 0                  | ‖μ_a‖²                  |
 * | one     | 3d + 1               | 1                  | 1                       |
 * | id      | [3d+2, 3d+2+k)       | 0                  | e_a                     |
 * | resp    | [3d+2+k, 3d+2+2k)    | E-step output w_i (or log w_i as M-step scores, claim C1) | 0 |
 * Keeping points and centers in separate slots lets the position-wise layers act on centroid
 * tokens without touching data tokens.
 */
export interface TokenLayout {
  readonly n: number;
  readonly d: number;
  readonly k: number;
  /** Token width D. */
  readonly width: number;
  /** Sequence length T = n + k + 1. */
  readonly tokens: number;
  readonly point: number;
  readonly center: number;
  readonly next: number;
  readonly sqNorm: number;
  readonly one: number;
  readonly id: number;
  readonly resp: number;
  /** Index of the first centroid token (= n). */
  readonly firstCentroid: number;
  /** Index of the null token (= n + k). */
  readonly nullToken: number;
}

export function tokenLayout(n: number, d: number, k: number): TokenLayout {
  assertInteger('n', n, 1);
  assertInteger('d', d, 1);
  assertInteger('k', k, 1);
  return {
    n,
    d,
    k,
    width: 3 * d + 2 * k + 2,
    tokens: n + k + 1,
    point: 0,
    center: d,
    next: 2 * d,
    sqNorm: 3 * d,
    one: 3 * d + 1,
    id: 3 * d + 2,
    resp: 3 * d + 2 + k,
    firstCentroid: n,
    nullToken: n + k,
  };
}

export type TokenKind = 'data' | 'centroid' | 'null';

export function tokenKind(layout: TokenLayout, token: number): TokenKind {
  return token < layout.firstCentroid ? 'data' : token < layout.nullToken ? 'centroid' : 'null';
}

export interface TokenContents {
  readonly points: Matrix;
  /** Centers placed in the `next` slot of the centroid tokens (the network moves them into place). */
  readonly centers?: Matrix;
  /** n×k values for the `resp` slot of the data tokens (one-hot labels, or log-responsibilities). */
  readonly resp?: Matrix;
}

/** The input sequence [1, T, D] in float32 for `layout`, filled as in the TokenLayout table. */
export function embedTokens(layout: TokenLayout, contents: TokenContents): tf.Tensor3D {
  const { n, d, k, width } = layout;
  const { points, centers, resp } = contents;
  if (points.rows !== n || points.cols !== d) fail('points shape', `${points.rows}×${points.cols}`, `${n}×${d}`);
  if (centers) {
    assertSameWidth('points', points, 'centers', centers);
    if (centers.rows !== k) fail('centers rows', centers.rows, `equal to k = ${k}`);
  }
  if (resp && (resp.rows !== n || resp.cols !== k)) fail('resp shape', `${resp.rows}×${resp.cols}`, `${n}×${k}`);
  const data = new Float32Array(layout.tokens * width);
  for (let i = 0; i < n; i++) {
    const base = i * width;
    for (let c = 0; c < d; c++) data[base + layout.point + c] = points.data[i * d + c]!;
    data[base + layout.one] = 1;
    if (resp) for (let a = 0; a < k; a++) data[base + layout.resp + a] = resp.data[i * k + a]!;
  }
  for (let a = 0; a < k; a++) {
    const base = (layout.firstCentroid + a) * width;
    if (centers) for (let c = 0; c < d; c++) data[base + layout.next + c] = centers.data[a * d + c]!;
    data[base + layout.one] = 1;
    data[base + layout.id + a] = 1;
  }
  return tf.tensor3d(data, [1, layout.tokens, width], 'float32');
}

/** Rows `first`..`first+count−1`, coordinates `slot`..`slot+size−1` of batch 0, as a float64 Matrix. */
export async function readSlot(tokens: tf.Tensor3D, first: number, count: number, slot: number, size: number): Promise<Matrix> {
  const part = tf.slice(tokens, [0, first, slot], [1, count, size]);
  try {
    return { rows: count, cols: size, data: Float64Array.from(await part.data()) };
  } finally {
    part.dispose();
  }
}
