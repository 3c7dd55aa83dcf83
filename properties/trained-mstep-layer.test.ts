import { claim as c3 } from '../reports/claims/C3';
import type { TrainedLayerRanges } from './arbitraries/trainedLayerCase';
import { type TrainedLayerBudget, trainedLayerProperty } from './measure-trained-layer-case';

/*
 * Claim C3 in miniature (issue 14): per drawn case, C3's own plan and check (reports/claims/C3.ts)
 * on one cell and one M. A case fails only on evidence: under C3 its test exceeds the slack with
 * probability ≤ α; fast-check stops at the first failing case (shrinking would retrain every
 * candidate) and prints its seed and path.
 */

const CASES = 3;
const FAILURE_PROBABILITY = 1e-3;

/**
 * Around C3's cells (k 3–4, d 2–3, n 32–48, Δ/σ 4–5, β_cap 2–3). d ≥ 2: at d = 1 training can stop
 * on a NaN gradient (all three seeds at k = 4, β_cap = 2.9): a layer output equals its cluster mean
 * exactly in float32, where the loss's norm has no gradient. β_cap ≤ 3.5 keeps ε_construct ≥ 0.029
 * (k = 2) above the slack of 4000 test instances (≈ 0.011), so `resolved` is planned. M ≤ 2 and
 * n ≤ 32 bound a case's cost (∝ M·(n + k + 1)²).
 */
const RANGES: TrainedLayerRanges = { k: [2, 4], d: [2, 3], n: [16, 32], delta: [3, 6], betaCap: [1.5, 3.5], heads: [1, 2] };

/** 100 steps (C3's quick scale runs 250; 100 stayed within 0.005 of the construction's error when tried), patience 8. */
const BUDGET: TrainedLayerBudget = { steps: 100, patience: 8, selectionInstances: 1000, heldOutInstances: 4000 };

describe('C3: trained M-step layers on drawn mixtures', () => {
  trainedLayerProperty({
    claim: c3,
    title: `C3: a trained M-step layer's held-out error is within C2's construction bound plus slack, and the slack resolves it (failure probability ${FAILURE_PROBABILITY.toExponential(0)} over ${CASES} cases)`,
    ranges: RANGES,
    budget: BUDGET,
    cases: CASES,
    failureProbability: FAILURE_PROBABILITY,
  });
});
