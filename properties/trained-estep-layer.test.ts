import { claim as b3 } from '../reports/claims/B3';
import type { TrainedLayerRanges } from './arbitraries/trainedLayerCase';
import { type TrainedLayerBudget, trainedLayerProperty } from './measure-trained-layer-case';

/*
 * Claim B3 in miniature (issue 14): per drawn case, B3's own plan and check (reports/claims/B3.ts)
 * on one cell and one M. A case fails only on evidence: under B3 its test exceeds the slack with
 * probability ≤ α; fast-check stops at the first failing case (shrinking would retrain every
 * candidate) and prints its seed and path.
 */

const CASES = 3;
const FAILURE_PROBABILITY = 1e-3;

/**
 * Around B3's cells (k 3–4, d 2–3, n 32–48, Δ/σ 4–5, β_cap 1.5–2). d ≥ 2: at d = 1 the layers
 * stay far above the construction (1.6–40 times its error after 300 steps, above ε_construct at
 * k = 3, Δ/σ = 4.65, β_cap = 2.7 even after 1500). Δ/σ ≤ 4 and β_cap ≤ 2 keep ε_construct ≥ 0.027
 * (k = 2 at the corner) above the slack of 6000 test instances (≤ 0.018 when tried), so `resolved`
 * is planned; beyond, ε_construct falls below it. M ≤ 2 and n ≤ 32 bound a case's cost
 * (∝ M·(n + k + 1)²).
 */
const RANGES: TrainedLayerRanges = { k: [2, 4], d: [2, 3], n: [16, 32], delta: [3, 4], betaCap: [1, 2], heads: [1, 2] };

/** 200 steps (B3's quick scale runs 300; 200 stayed within 0.01 of the construction's error when tried), patience 8. */
const BUDGET: TrainedLayerBudget = { steps: 200, patience: 8, selectionInstances: 1000, heldOutInstances: 6000 };

describe('B3: trained E-step layers on drawn mixtures', () => {
  trainedLayerProperty({
    claim: b3,
    title: `B3: a trained E-step layer's held-out error is within B2's construction bound plus slack, and the slack resolves it (failure probability ${FAILURE_PROBABILITY.toExponential(0)} over ${CASES} cases)`,
    ranges: RANGES,
    budget: BUDGET,
    cases: CASES,
    failureProbability: FAILURE_PROBABILITY,
  });
});
