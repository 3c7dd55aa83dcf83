/**
 * The nonlinear pieces of the EM maps that claim D2 approximates, each on a fixed box
 * [lower, upper]^d:
 * - 'square-norm': x ↦ ‖x‖² on [−1, 1]^d (the E-step's squared distances), d free;
 * - 'reciprocal': x ↦ 1/x on [0.5, 4] (the M-step's division by the cluster mass), d = 1;
 * - 'log-sum-exp': x ↦ log Σ_j exp(x_j) on [−2, 2]^3 (the E-step's normaliser over k = 3), d = 3.
 */
export const APPROXIMATION_TARGETS = ['square-norm', 'reciprocal', 'log-sum-exp'] as const;
export type ApproximationTarget = (typeof APPROXIMATION_TARGETS)[number];

export interface TargetFunction {
  /** The input dimension the target requires, or undefined when d is free. */
  readonly fixedDimension?: number;
  readonly lower: number;
  readonly upper: number;
  evaluate(x: ArrayLike<number>): number;
}

export const TARGET_FUNCTIONS: Readonly<Record<ApproximationTarget, TargetFunction>> = {
  'square-norm': {
    lower: -1,
    upper: 1,
    evaluate: (x) => {
      let s = 0;
      for (let c = 0; c < x.length; c++) s += x[c]! * x[c]!;
      return s;
    },
  },
  reciprocal: { fixedDimension: 1, lower: 0.5, upper: 4, evaluate: (x) => 1 / x[0]! },
  'log-sum-exp': {
    fixedDimension: 3,
    lower: -2,
    upper: 2,
    evaluate: (x) => {
      let max = -Infinity;
      for (let c = 0; c < x.length; c++) max = Math.max(max, x[c]!);
      let s = 0;
      for (let c = 0; c < x.length; c++) s += Math.exp(x[c]! - max);
      return max + Math.log(s);
    },
  },
};
