import { type D1Setting, d1Anchors, d1Surrogate } from '../d1-softmax-approximation';
import type { CaseScopes } from './check-steps';
import type { Scope } from './formula';

/** One case of claim D1's proof: a setting, a point x in [−R, R]^d, δ > 0 and an L-Lipschitz f (vector values). */
export interface D1ProofCase {
  readonly setting: D1Setting;
  readonly x: readonly number[];
  readonly delta: number;
  readonly f: (x: ArrayLike<number>) => readonly number[];
}

/**
 * The scopes of claim D1's steps (D1.1 … D1.5) and end statement at one point x: D1.1, D1.2,
 * D1.5 and the end statement one scope (vectors over the M anchors); D1.3 and D1.4 one scope per
 * anchor. f̃(x) is bounds d1Surrogate; the weights p_m are its softmax, max score subtracted. The
 * covering radius r, h and M come from the claim's definitions, not from here. Pure.
 */
export function d1ProofScopes({ setting, x, delta, f }: D1ProofCase): CaseScopes {
  const { d, m, R, L, beta } = setting;
  const anchors = d1Anchors(d, m, R);
  const values = anchors.map((a) => f(a));
  const fx = [...f(x)];
  const ft = Array.from(d1Surrogate(x, anchors, values, beta));
  const squared = anchors.map((a) => a.reduce((s, v, c) => s + (x[c]! - v) ** 2, 0));
  const dist = squared.map(Math.sqrt);
  const top = Math.max(...squared.map((s) => -beta * s));
  const raw = squared.map((s) => Math.exp(-beta * s - top));
  const total = raw.reduce((s, v) => s + v, 0);
  const p = raw.map((v) => v / total);
  const dF = values.map((v) => fx.map((fc, c) => v[c]! - fc));
  const Fmax = Math.max(...fx.map(Math.abs), ...values.flatMap((v) => [...v].map(Math.abs)));
  const Dmax = Math.max(...squared);
  const setting_ = { d, m, R, L, beta, delta, Dmax };
  const probe: Scope = { ...setting_, ft, fx, p, dF, dist, Fmax };
  const perAnchor: Scope[] = p.map((p_m, j) => ({ ...setting_, p_m, dist_m: dist[j]! }));
  return { steps: { 'D1.1': [probe], 'D1.2': [probe], 'D1.3': perAnchor, 'D1.4': perAnchor, 'D1.5': [probe] }, bound: [probe] };
}
