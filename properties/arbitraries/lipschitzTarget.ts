import fc from 'fast-check';

/** The kinds of L-Lipschitz targets drawn for claim D1. */
export type TargetKind = 'linear' | 'cone' | 'sine' | 'circle';

/** A D1 setting with a target f (values in R^1 or R^2) and probe points where |f̃ − f| is measured. */
export interface LipschitzTarget {
  readonly d: number;
  readonly m: number;
  readonly R: number;
  readonly L: number;
  readonly beta: number;
  readonly kind: TargetKind;
  /** A unit vector u (direction of linear/sine/circle targets) or the apex c/R of a cone. */
  readonly direction: number[];
  /** Probe points, each in [−R, R]^d. */
  readonly probes: number[][];
}

/**
 * f(x) for each kind, all L-Lipschitz in the Euclidean norm (u a unit vector, c = direction):
 * linear L⟨u, x⟩; cone L‖x − R·c‖; sine L·sin⟨u, x⟩; circle L·(cos⟨u, x⟩, sin⟨u, x⟩), a vector
 * target with ‖f(x) − f(y)‖ = 2L|sin(⟨u, x − y⟩/2)| ≤ L‖x − y‖.
 */
export function evaluateTarget(t: LipschitzTarget, x: ArrayLike<number>): number[] {
  const dot = t.direction.reduce((s, u, c) => s + u * x[c]!, 0);
  switch (t.kind) {
    case 'linear':
      return [t.L * dot];
    case 'cone':
      return [t.L * Math.sqrt(t.direction.reduce((s, c0, c) => s + (x[c]! - t.R * c0) ** 2, 0))];
    case 'sine':
      return [t.L * Math.sin(dot)];
    case 'circle':
      return [t.L * Math.cos(dot), t.L * Math.sin(dot)];
  }
}

/**
 * D1 settings for d ∈ {1, 2, 3}: m per axis kept so that M = m^d ≤ 216, R in [0.5, 3], L in
 * [0.1, 5], β log-uniform in [0.1, 1e4], and 30 probes (uniform in the cube, half of them
 * near cell centers, where the nearest anchor is farthest).
 */
export function lipschitzTargetArbitrary(): fc.Arbitrary<LipschitzTarget> {
  return fc
    .record({
      d: fc.integer({ min: 1, max: 3 }),
      R: fc.double({ min: 0.5, max: 3, noNaN: true }),
    })
    .chain(({ d, R }) => {
      const maxM = d === 1 ? 40 : d === 2 ? 14 : 6;
      const unit = fc
        .array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d, maxLength: d })
        .filter((v) => Math.hypot(...v) > 1e-3)
        .map((v) => v.map((c) => c / Math.hypot(...v)));
      return fc.record({
        d: fc.constant(d),
        R: fc.constant(R),
        m: fc.integer({ min: 2, max: maxM }),
        L: fc.double({ min: 0.1, max: 5, noNaN: true }),
        beta: fc.double({ min: Math.log(0.1), max: Math.log(1e4), noNaN: true }).map(Math.exp),
        kind: fc.constantFrom<TargetKind>('linear', 'cone', 'sine', 'circle'),
        direction: unit,
        probes: fc.array(fc.array(fc.double({ min: -R, max: R, noNaN: true }), { minLength: d, maxLength: d }), {
          minLength: 30,
          maxLength: 30,
        }),
      });
    })
    .map((t) => {
      // Snap half the probes to the center of their grid cell.
      const h = (2 * t.R) / (t.m - 1);
      const probes = t.probes.map((p, j) =>
        j % 2 === 0 ? p : p.map((v) => Math.min(t.R, -t.R + h * (Math.min(Math.floor((v + t.R) / h), t.m - 2) + 0.5))),
      );
      return { ...t, probes };
    });
}
