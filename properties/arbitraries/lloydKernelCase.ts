import fc from 'fast-check';
import type { Matrix } from '../../theory/matrix';

/** Points, initial centers and an iteration cap for comparing two Lloyd implementations. */
export interface LloydKernelCase {
  readonly points: Matrix;
  readonly init: Matrix;
  /** undefined: lloyd's default cap. */
  readonly maxIterations: number | undefined;
}

/** Where an initial center comes from. */
type CenterSource =
  | { readonly kind: 'point'; readonly index: number }
  | { readonly kind: 'free'; readonly x: number[] }
  | { readonly kind: 'far' };

/** A coordinate far from every point (they are within 10·scale of 0), so its cluster starts empty. */
const FAR = 1e3;

function toMatrix(rows: number[][], cols: number): Matrix {
  return { rows: rows.length, cols, data: Float64Array.from(rows.flat()) };
}

/**
 * Cases aimed at the seams of the wasm-SIMD Lloyd pass (two points per step, lane-wise argmin):
 * k in [1, 9], d in [1, 8], n in [1, 60]; coordinates either integers in [−3, 3]
 * (many exact ties between points and centers, and repeated points) or reals in [−10, 10], times a
 * scale of 1, 1e-300 (squared distances underflow to subnormals or 0) or 1e160 (they overflow to
 * ∞); each initial center a copy of a point (duplicated centers tie exactly), a free vector, or
 * far away (an empty cluster); and a cap of 1–12 iterations or lloyd's default.
 */
export function lloydKernelCaseArbitrary(): fc.Arbitrary<LloydKernelCase> {
  return fc
    .record({
      k: fc.integer({ min: 1, max: 9 }),
      d: fc.integer({ min: 1, max: 8 }),
      n: fc.integer({ min: 1, max: 60 }),
      grid: fc.boolean(),
    })
    .chain(({ k, d, n, grid }) => {
      const coordinate = grid ? fc.integer({ min: -3, max: 3 }) : fc.double({ min: -10, max: 10, noNaN: true });
      const vector = fc.array(coordinate, { minLength: d, maxLength: d });
      const source: fc.Arbitrary<CenterSource> = fc.oneof(
        fc.nat(n - 1).map((index) => ({ kind: 'point' as const, index })),
        vector.map((x) => ({ kind: 'free' as const, x })),
        fc.constant({ kind: 'far' as const }),
      );
      return fc.record({
        d: fc.constant(d),
        scale: fc.constantFrom(1, 1e-300, 1e160),
        points: fc.array(vector, { minLength: n, maxLength: n }),
        centers: fc.array(source, { minLength: k, maxLength: k }),
        maxIterations: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
      });
    })
    .map(({ d, scale, points, centers, maxIterations }) => {
      const scaled = points.map((x) => x.map((v) => v * scale));
      const init = centers.map((s) =>
        s.kind === 'point' ? scaled[s.index]! : s.kind === 'free' ? s.x.map((v) => v * scale) : new Array<number>(d).fill(FAR * scale),
      );
      return { points: toMatrix(scaled, d), init: toMatrix(init, d), maxIterations };
    });
}
