import { eStepMargins, hardEStep, softEStep } from '../../theory/estep';
import { type Matrix, squaredDistance } from '../../theory/matrix';
import { claimEntry } from '../registry';
import type { CaseScopes } from './check-steps';
import { compileFormula, type Scope } from './formula';

/** One case of claim B2's proof: points and centers (float64), an inverse temperature and a target ε of B2.5. */
export interface B2ProofCase {
  readonly points: Matrix;
  readonly centers: Matrix;
  readonly beta: number;
  /** ε ∈ (0, 1) of B2.5 (β ≥ (2/g)·log((k − 1)/ε) ⇒ ε-close). */
  readonly epsilon: number;
}

function dot(a: Matrix, i: number, b: Matrix, j: number): number {
  let s = 0;
  for (let c = 0; c < a.cols; c++) s += a.data[i * a.cols + c]! * b.data[j * b.cols + c]!;
  return s;
}

/** B2.5's hypothesis threshold (2/g)·log((k − 1)/ε), read from the registry's formula. */
const temperatureFor = compileFormula(claimEntry('B2').steps.find((s) => s.id === 'B2.5')!.given!.rhs);

/**
 * The scopes of claim B2's steps (B2.1 … B2.5) and end statement on one case, per point x_i:
 * B2.1 one scope per center a; B2.3 one per b ≠ z; B2.5 two (the case's β, and β at B2.5's
 * threshold, its equality case) when k ≥ 2 and 0 < g < ∞; the others one. Uses theory softEStep,
 * hardEStep (z, ties to the smallest index) and eStepMargins (g). Pure.
 */
export function b2ProofScopes({ points, centers, beta, epsilon }: B2ProofCase): CaseScopes {
  const w = softEStep(points, centers, beta);
  const labels = hardEStep(points, centers);
  const margins = eStepMargins(points, centers);
  const { rows: n, cols: d } = points;
  const k = centers.rows;
  const steps: Record<string, Scope[]> = { 'B2.1': [], 'B2.2': [], 'B2.3': [], 'B2.4': [], 'B2.5': [] };
  const bound: Scope[] = [];
  for (let i = 0; i < n; i++) {
    const z = labels[i]!;
    const g = margins[i]!;
    const row = Array.from(w.data.subarray(i * k, (i + 1) * k));
    const D = Array.from({ length: k }, (_, a) => squaredDistance(points, i, centers, a));
    const Dmax = Math.max(...D);
    const e_z = row.map((_, a) => (a === z ? 1 : 0));
    const xx = dot(points, i, points, i);
    for (let a = 0; a < k; a++)
      steps['B2.1']!.push({ beta, xmu_a: dot(points, i, centers, a), mm_a: dot(centers, a, centers, a), xx, D_a: D[a]!, d });
    steps['B2.2']!.push({ w: row, e_z, w_z: row[z]!, k });
    if (k < 2) continue;
    for (let b = 0; b < k; b++) if (b !== z) steps['B2.3']!.push({ w_b: row[b]!, D_b: D[b]!, D_z: D[z]!, beta, Dmax, d, k });
    steps['B2.4']!.push({ w_off: row.filter((_, a) => a !== z), k, beta, g, Dmax, d });
    if (g > 0 && Number.isFinite(g)) {
      const threshold = temperatureFor.evaluate({ g, k, epsilon }) as number;
      steps['B2.5']!.push({ beta, g, k, epsilon });
      if (threshold > 0 && Number.isFinite(threshold)) steps['B2.5']!.push({ beta: threshold, g, k, epsilon });
    }
    bound.push({ w: row, e_z, k, beta, g, Dmax, d });
  }
  return { steps, bound };
}
