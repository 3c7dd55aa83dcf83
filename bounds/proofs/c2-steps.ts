import { type Matrix, zeros } from '../../theory/matrix';
import { hardMStep, mStep } from '../../theory/mstep';
import type { CaseScopes } from './check-steps';
import type { Scope } from './formula';

/** One case of claim C2's proof: points, hard labels in [0, k), and the score β. */
export interface C2ProofCase {
  readonly points: Matrix;
  readonly labels: ArrayLike<number>;
  readonly k: number;
  readonly beta: number;
}

/**
 * The scopes of claim C2's steps (C2.1 … C2.3) and end statement on one case, one scope per
 * non-empty cluster a: the head's output out_a = Σ_i s_i X_i / Σ_i s_i with s_i = e^β if ẑ_i = a
 * else 1 (theory mStep with these weights as column a) and mean_a (theory hardMStep). A cluster
 * with no point outside it gets one zero term in s_off and Y (an empty sum). Pure.
 */
export function c2ProofScopes({ points, labels, k, beta }: C2ProofCase): CaseScopes {
  const { rows: n, cols: d } = points;
  const weights = zeros(n, k);
  const expBeta = Math.exp(beta);
  for (let i = 0; i < n; i++) for (let a = 0; a < k; a++) weights.data[i * k + a] = labels[i] === a ? expBeta : 1;
  const hard = hardMStep(points, Int32Array.from(labels), zeros(k, d));
  const head = mStep(points, weights, hard.centers);
  let Xmax = 1;
  for (const x of points.data) Xmax = Math.max(Xmax, Math.abs(x));
  const steps: Record<string, Scope[]> = { 'C2.1': [], 'C2.2': [], 'C2.3': [] };
  const bound: Scope[] = [];
  for (let a = 0; a < k; a++) {
    const n_a = hard.mass[a]!;
    if (n_a === 0) continue;
    const mean_a = Array.from(hard.centers.data.subarray(a * d, (a + 1) * d));
    const out_a = Array.from(head.centers.data.subarray(a * d, (a + 1) * d));
    const s = Array.from({ length: n }, (_, i) => weights.data[i * k + a]!);
    const Y: number[][] = [];
    let maxdev = 0;
    for (let i = 0; i < n; i++) {
      const deviation = mean_a.map((m, c) => points.data[i * d + c]! - m);
      maxdev = Math.max(maxdev, Math.hypot(...deviation));
      if (labels[i] !== a) Y.push(deviation);
    }
    const s_off = Y.length === 0 ? [0] : Y.map(() => 1);
    if (Y.length === 0) Y.push(new Array<number>(d).fill(0));
    const scope = { out_a, mean_a, s, s_off, Y, n, n_a, beta, maxdev, Xmax, d };
    for (const id of Object.keys(steps)) steps[id]!.push(scope);
    bound.push(scope);
  }
  return { steps, bound };
}
