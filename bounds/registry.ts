/**
 * The claim registry (CLAIMS.md §3): one entry per claim, read by both the reports and the property
 * tests. Constants the paper states only in O(·) form live in `constants`, so replacing ours by
 * the paper's exact ones is a one-line change per claim.
 */
export const PROVENANCES = ['paper', 'standard', 'explicit', 'paper → explicit'] as const;
export type Provenance = (typeof PROVENANCES)[number];

export const CHECK_KINDS = ['exact', 'bound', 'statistical', 'trend'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const CLAIM_IDS = [
  'A1',
  'A2',
  'A3',
  'B1',
  'B2',
  'B3',
  'C1',
  'C2',
  'C3',
  'D1',
  'D2',
  'E1',
  'E2',
  'E3',
  'F1',
  'F2',
  'F3',
  'F4',
  'G1',
] as const;
export type ClaimId = (typeof CLAIM_IDS)[number];

export interface ClaimEntry {
  readonly id: ClaimId;
  readonly title: string;
  /** The falsifiable statement, as in CLAIMS.md §3. */
  readonly statement: string;
  readonly provenance: Provenance;
  readonly kind: CheckKind;
  /** Explicit constants of the check; the paper's replace ours when they become known. */
  readonly constants: Readonly<Record<string, number>>;
}

export const CLAIMS = {
  A1: {
    id: 'A1',
    title: 'Mislabel rate by optimal assignment',
    statement:
      'The optimal-assignment mislabel rate equals brute force over all k! permutations (k ≤ 6). It is invariant to relabelling ẑ. It satisfies 0 ≤ h ≤ 1 − 1/k, and h = 0 iff the two partitions coincide.',
    provenance: 'standard',
    kind: 'exact',
    constants: { maxBruteForceK: 6, tolerance: 1e-12 },
  },
  A2: {
    id: 'A2',
    title: 'Lloyd is monotone and terminates',
    statement: 'Lloyd never increases the k-means objective Σ_i ‖X_i − μ_{ẑ_i}‖², and stops at a fixed point in finitely many steps.',
    provenance: 'standard',
    kind: 'bound',
    constants: { relativeTolerance: 1e-12 },
  },
  A3: {
    id: 'A3',
    title: 'EM is monotone',
    statement: 'EM never decreases the log-likelihood (relative tolerance 1e-9). Responsibilities are ≥ 0 and each row sums to 1.',
    provenance: 'standard',
    kind: 'bound',
    constants: { relativeTolerance: 1e-9, rowSumTolerance: 1e-12 },
  },
  B1: {
    id: 'B1',
    title: 'One attention head is the soft E-step',
    statement:
      'One softmax attention head computes the soft E-step exactly: queries q_i = β[X_i; 1], keys k_a = [μ_a; −‖μ_a‖²/2], values v_a = e_a. Tolerance: float64 ≤ 1e-12; the tensor implementation in float32 ≤ 1e-5 relative.',
    provenance: 'explicit',
    kind: 'exact',
    // Tolerances are on max_a |w_head − w_softEStep| / max_a |w_softEStep| per point (≈ absolute,
    // as max_a w_ia ≥ 1/k). The regime constants (d, k ≤ regimeMaxWidth and score scale S ≤ the
    // precision's max) are where the first-order worst-case rounding bound of
    // bounds/b1-logit-scale.ts (b1RoundingBound, u the unit roundoff) stays within the tolerance:
    // derived, not fitted. claim B1 states no regime, so the report checks every case and counts
    // a failure outside the regime as a violation; property tests assert inside the regime.
    constants: {
      float64Tolerance: 1e-12,
      float32RelativeTolerance: 1e-5,
      regimeMaxWidth: 8,
      // b1MaxScoreScale(1e-5, 2^-24, 8) ≈ 3.73
      float32MaxScoreScale: (1e-5 - 11 * (2 ** -24 + 2 ** -53)) / (2 * (21 * 2 ** -24 + 11 * 2 ** -53)),
      // b1MaxScoreScale(1e-12, 2^-53, 8) ≈ 140.4
      float64MaxScoreScale: (1e-12 - 11 * 2 * 2 ** -53) / (2 * 32 * 2 ** -53),
    },
  },
  B2: {
    id: 'B2',
    title: 'E-step approximation by temperature',
    statement:
      'Let g_i = (second smallest) − (smallest) of ‖X_i − μ_a‖² over a. Then ‖w_i − e_{ẑ_i}‖₁ = 2(1 − w_{i,ẑ_i}) ≤ 2(k−1)·exp(−β g_i/2). Hence β ≥ (2/g_i)·log((k−1)/ε) gives an ε-close E-step.',
    provenance: 'paper → explicit',
    kind: 'bound',
    constants: { factor: 2 },
  },
  B3: {
    id: 'B3',
    title: 'Trained E-step layer meets the construction bound',
    statement:
      "A softmax-attention E-step layer with M heads, trained by gradient descent on random instances, has held-out error ≤ ε_construct + slack, where ε_construct is B2's bound for the construction of the same size and temperature cap, averaged over the same instance distribution.",
    provenance: 'paper → explicit',
    kind: 'statistical',
    constants: {},
  },
  C1: {
    id: 'C1',
    title: 'One attention head is the M-step',
    statement: 'Centroid token a attends to data token i with score log w_ia and value X_i. The output is exactly Σ_i w_ia X_i / Σ_i w_ia.',
    provenance: 'explicit',
    kind: 'exact',
    // Both tolerances are on max_a ‖out_a − Σ_i w_ia X_i / Σ_i w_ia‖ over the data scale max(1, max|X|).
    constants: { float64Tolerance: 1e-12, float32RelativeTolerance: 1e-5 },
  },
  C2: {
    id: 'C2',
    title: 'M-step approximation by temperature',
    statement: 'With hard labels and score β·1{ẑ_i = a}: ‖out_a − mean_a‖ ≤ (n − n_a)/(n_a e^β + n − n_a) · max_i ‖X_i − mean_a‖.',
    provenance: 'paper → explicit',
    kind: 'bound',
    constants: { float32RelativeTolerance: 1e-5 },
  },
  C3: {
    id: 'C3',
    title: 'Trained M-step layer meets the construction bound',
    statement: "The same as B3, for a trained M-step layer against C2's construction.",
    provenance: 'paper → explicit',
    kind: 'statistical',
    constants: {},
  },
  D1: {
    id: 'D1',
    title: 'Softmax universal-approximation surrogate',
    statement:
      'Take f L-Lipschitz on [−R, R]^d and grid anchors x_m, m per axis (M = m^d, spacing h = 2R/(m−1)). Let f̃(x) = Σ_m softmax_m(−β‖x − x_m‖²)·f(x_m). Then for every δ > 0: sup‖f̃ − f‖ ≤ L(√d·h/2 + δ) + 2LR√d·M·e^{−βδ²}.',
    provenance: 'paper → explicit',
    kind: 'bound',
    constants: {},
  },
  D2: {
    id: 'D2',
    title: 'Trained approximators improve with heads',
    statement:
      'The error of trained M-head softmax approximators falls as M grows. Targets: x ↦ ‖x‖², x ↦ 1/x on [a, b], log-sum-exp. Report the fitted log-log slope against −1/d.',
    provenance: 'paper',
    kind: 'trend',
    constants: {},
  },
  E1: {
    id: 'E1',
    title: 'Attention blocks reproduce Lloyd',
    statement:
      "T hand-set (E, M) attention blocks reproduce T Lloyd iterations label for label in float32, whenever every point's margin satisfies β·g/2 ≥ 110 at every step. Centroids agree with float64 Lloyd to 1e-5 relative.",
    provenance: 'paper → explicit',
    kind: 'exact',
    constants: { marginThreshold: 110, centroidRelativeTolerance: 1e-5 },
  },
  E2: {
    id: 'E2',
    title: 'Margin stability',
    statement:
      'If every centroid moves by at most ε, and ‖x − μ_b‖² − ‖x − μ_a*‖² > 2ε(‖x − μ_a*‖ + ‖x − μ_b‖) + 2ε² for all b ≠ a*, the label of x is unchanged.',
    provenance: 'explicit',
    kind: 'bound',
    constants: {},
  },
  E3: {
    id: 'E3',
    title: 'Depth and heads per Lloyd step',
    statement:
      "Report the layers and heads per Lloyd step of our construction, beside the paper's O(k) layers per step and 2 layers per EM step in the TGMM construction (arXiv:2505.11918).",
    provenance: 'paper',
    kind: 'trend',
    constants: { tgmmLayersPerEmStep: 2 },
  },
  F1: {
    id: 'F1',
    title: 'Oracle error against the union bound',
    statement:
      "The oracle's per-point error is ≤ Σ_{b≠a} Φ(−‖μ_a − μ_b‖/(2σ)). For simplex centers that is (k−1)·Φ(−Δ/2σ); for k = 2 with equal weights it is exactly Φ(−Δ/2σ). The minimax envelope exp(−Δ²/8σ²) is shown beside it.",
    provenance: 'standard',
    kind: 'statistical',
    constants: {},
  },
  F2: {
    id: 'F2',
    title: 'Lloyd from a good init reaches the minimax rate',
    statement:
      'Start Lloyd from perturbed-truth with Λ_0 ≤ 0.3 and run ⌈4 ln n⌉ iterations, with n ≥ 1000, Δ/σ ∈ [3, 8], k ≤ 8. Then the mean error over repetitions is ≤ exp(−Δ²/8σ²); every single run is ≤ exp(−Δ²/16σ²); the mean of |Lloyd − oracle| is ≤ 0.01.',
    provenance: 'standard',
    kind: 'statistical',
    constants: { lambda0: 0.3, iterationFactor: 4, oracleGap: 0.01 },
  },
  F3: {
    id: 'F3',
    title: 'Pretrained transformer clusters near the oracle',
    statement:
      'A transformer pretrained on N instances, given the same initialization as input, has mean mislabel rate on fresh instances ≤ 2(k−1)·Φ(−Δ/2σ) + 0.01, for Δ/σ ∈ [3, 6], k ≤ 4 and in-distribution n. Its error must not rise as n grows, and it approaches the oracle curve.',
    provenance: 'paper → explicit',
    kind: 'statistical',
    constants: { factor: 2, additive: 0.01 },
  },
  F4: {
    id: 'F4',
    title: 'Error against pre-training instances',
    statement:
      'The error does not rise as the number N of pre-training instances grows. Report the fitted slope of excess risk against N beside an O(N^{−1/2}) envelope.',
    provenance: 'paper',
    kind: 'trend',
    constants: {},
  },
  G1: {
    id: 'G1',
    title: 'Beyond the assumptions',
    statement:
      'Anisotropic, imbalanced, heavy-tailed, no-init and wrong-k settings: the transformer against Lloyd (k-means++ init), EM and the oracle.',
    provenance: 'paper',
    kind: 'trend',
    constants: {},
  },
} as const satisfies Record<ClaimId, ClaimEntry>;

export type ClaimEntries = typeof CLAIMS;

/** A claim's entry, typed: `claimEntry('F2').constants.lambda0` is a number without a cast. */
export function claimEntry<I extends ClaimId>(id: I): ClaimEntries[I] {
  return CLAIMS[id];
}

export function isClaimId(value: string): value is ClaimId {
  return (CLAIM_IDS as readonly string[]).includes(value);
}
