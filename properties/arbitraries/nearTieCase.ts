import fc from 'fast-check';
import type { Matrix } from '../../theory/matrix';

/** A set of points and centers for the E-step claims, with many points close to a tie. */
export interface EStepCase {
  readonly points: Matrix;
  readonly centers: Matrix;
  readonly beta: number;
}

/** Constraints of `nearTieCaseArbitrary`. */
export interface NearTieConstraints {
  /** Largest k; default 10. */
  readonly maxK?: number;
  /** Largest d; default 4. */
  readonly maxD?: number;
  /** Largest n; default 40. */
  readonly maxN?: number;
  /** Range of β, drawn log-uniformly; default [1e-3, 1e3]. */
  readonly betaRange?: readonly [number, number];
}

function toMatrix(rows: number[][]): Matrix {
  const cols = rows[0]!.length;
  return { rows: rows.length, cols, data: Float64Array.from(rows.flat()) };
}

/**
 * Centers in [−5, 5]^d (k ≥ 2) and points that are either uniform in [−6, 6]^d or on the
 * bisector of two centers (their midpoint plus a random offset) pushed off it by t·(μ_a − μ_b)
 * with t = 0 or |t| in [1e-12, 1e-2]: exact and near ties between those two centers.
 */
export function nearTieCaseArbitrary(constraints: NearTieConstraints = {}): fc.Arbitrary<EStepCase> {
  const maxK = constraints.maxK ?? 10;
  const maxD = constraints.maxD ?? 4;
  const maxN = constraints.maxN ?? 40;
  const [betaMin, betaMax] = constraints.betaRange ?? [1e-3, 1e3];
  if (!(Number.isInteger(maxK) && maxK >= 2)) throw new RangeError(`nearTieCaseArbitrary: maxK must be an integer >= 2, got ${maxK}`);
  if (!(betaMin > 0 && betaMax >= betaMin)) throw new RangeError(`nearTieCaseArbitrary: bad betaRange ${betaMin}..${betaMax}`);
  const coordinate = (bound: number) => fc.double({ min: -bound, max: bound, noNaN: true });
  return fc
    .record({ k: fc.integer({ min: 2, max: maxK }), d: fc.integer({ min: 1, max: maxD }), n: fc.integer({ min: 1, max: maxN }) })
    .chain(({ k, d, n }) => {
      const vector = (bound: number) => fc.array(coordinate(bound), { minLength: d, maxLength: d });
      const tieShift = fc.oneof(
        fc.constant(0),
        fc.double({ min: -12, max: -2, noNaN: true }).chain((e) => fc.constantFrom(10 ** e, -(10 ** e))),
      );
      const point = fc.oneof(
        vector(6).map((x) => ({ kind: 'uniform' as const, x })),
        fc.record({ a: fc.nat(k - 1), b: fc.nat(k - 1), offset: vector(3), t: tieShift }).map((p) => ({ kind: 'tie' as const, ...p })),
      );
      return fc.record({
        centers: fc.array(vector(5), { minLength: k, maxLength: k }),
        points: fc.array(point, { minLength: n, maxLength: n }),
        beta: fc.double({ min: Math.log(betaMin), max: Math.log(betaMax), noNaN: true }).map(Math.exp),
      });
    })
    .map(({ centers, points, beta }) => {
      const rows = points.map((p) => {
        if (p.kind === 'uniform') return p.x;
        const ma = centers[p.a]!;
        const mb = centers[p.b]!;
        const diff = ma.map((v, c) => v - mb[c]!);
        const dd = diff.reduce((s, v) => s + v * v, 0);
        // project the offset onto the bisector hyperplane, then shift by t along μ_a − μ_b
        const along = dd > 0 ? p.offset.reduce((s, v, c) => s + v * diff[c]!, 0) / dd : 0;
        return ma.map((v, c) => (v + mb[c]!) / 2 + p.offset[c]! - along * diff[c]! + p.t * diff[c]!);
      });
      return { points: toMatrix(rows), centers: toMatrix(centers), beta };
    });
}
