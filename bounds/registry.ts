/**
 * The claim registry (CLAIMS.md §3): one entry per claim, read by both the reports and the property
 * tests. Constants the paper states only in O(·) form live in `constants`, so replacing ours by
 * the paper's exact ones is a one-line change per claim.
 */
export const PROVENANCES = ['paper', 'standard', 'explicit', 'paper → explicit'] as const;
export type Provenance = (typeof PROVENANCES)[number];

export const CHECK_KINDS = ['exact', 'bound', 'statistical', 'trend', 'report'] as const;
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
  /**
   * Quantities of the proof defined from a case's inputs by a formula (mathjs text), evaluated in
   * order into every scope before the steps and the end statement (CLAIMS.md §3: the proof).
   */
  readonly definitions?: Readonly<Record<string, string>>;
  /** The end statement as a formula (mathjs text): what the claim's check evaluates per case. */
  readonly bound?: StatementFormula;
  /** The proof of the end statement as a chain of steps, in proof order (ids `<claim>.<n>`). */
  readonly steps?: readonly ProofStep[];
}

/** How the two sides of a step or an end statement are related. */
export const RELATIONS = ['=', '<=', '<'] as const;
export type Relation = (typeof RELATIONS)[number];

/** What kind of reasoning a proof step is: `algebra` steps are also checked symbolically (bounds/proofs/symbolic.ts). */
export const STEP_KINDS = ['identity', 'inequality', 'algebra'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/**
 * How far a computed relation may miss in floating point (or, for a Monte-Carlo side, by sampling)
 * and still hold: allowance = absolute + relative·max(|lhs|, |rhs|), both mathjs text over the
 * step's quantities and u = 2⁻⁵³ (the float64 unit roundoff). Derived, never tuned: `why` says how.
 */
export interface Tolerance {
  readonly absolute?: string;
  readonly relative?: string;
  readonly why: string;
}

/** `lhs relation rhs`, each side one mathjs expression (the single source of the formula). */
export interface StatementFormula {
  readonly lhs: string;
  readonly relation: Relation;
  readonly rhs: string;
  /** The hypothesis of an implication (elementwise over arrays: all must hold); scopes where it fails are vacuous. */
  readonly given?: { readonly lhs: string; readonly relation: '<=' | '<' | '>=' | '>'; readonly rhs: string };
  /** Each symbol of the formulas: what it is. */
  readonly quantities: Readonly<Record<string, string>>;
  readonly tolerance?: Tolerance;
}

/** The symbolic check of an algebra step: lhs − rhs, with `substitute` applied, must simplify to 0. */
export interface SymbolicCheck {
  /**
   * Replacements (an expression's text → mathjs text) applied before simplifying: definitions of
   * the step's quantities, and for an inequality the equality case.
   */
  readonly substitute: Readonly<Record<string, string>>;
  /** Ranges the numerical fallback draws each remaining symbol from (default [0.1, 10]). */
  readonly ranges?: Readonly<Record<string, readonly [number, number]>>;
}

/** One step of a claim's proof (CLAIMS.md §3), checked per case like a claim of its own. */
export interface ProofStep extends StatementFormula {
  readonly id: `${ClaimId}.${number}`;
  /** The claim the step serves. */
  readonly claim: ClaimId;
  readonly kind: StepKind;
  readonly statement: string;
  /** Algebra steps only: how the step reduces to 0 symbolically. */
  readonly symbolic?: SymbolicCheck;
}

export const CLAIMS = {
  A1: {
    id: 'A1',
    title: 'Mislabel rate by optimal assignment',
    statement:
      'The optimal-assignment mislabel rate equals brute force over all k! permutations (k ≤ 6). It is invariant to any relabelling of ẑ (random permutations, not only shifts). It satisfies 0 ≤ h ≤ 1 − 1/k, and h = 0 iff the two partitions coincide.',
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
      'One softmax attention head computes the soft E-step: queries q_i = β[X_i; 1], keys k_a = [μ_a; −‖μ_a‖²/2], values v_a = e_a. In exact arithmetic the error is 0. The error per point, max_a |w_head − w_ref| / max_a w_ref, must be ≤ τ + c·S·u at every score scale, where u is the unit roundoff (2⁻⁵³ in float64, 2⁻²⁴ in float32), S = β·max_a(|⟨X_i, μ_a⟩| + ‖μ_a‖²/2) is the score scale, τ = 1e-12 (float64) or 1e-6 (float32), and c comes from a first-order forward-error analysis of the length-(d+1) score product and the softmax, derived in bounds/ and written out in the registry. (v1 asked for a flat 1e-5 in float32, which no float32 computation can meet once S·u > 1e-5: rounding the scores alone costs S·u.)',
    provenance: 'explicit',
    kind: 'bound',
    // c(d) = 2(2d + 5) + 2(d + 3)·u/u_head (bounds/b1-rounding-constant.ts): B1.1 bounds the score
    // error E by ((2d + 5)·u_head + (d + 3)·u)·S, B1.2 the softmax's by e^{2E} − 1 + (k + 3)(u_head + u),
    // first order 2E ≤ c·S·u_head; τ covers (k + 3)(u_head + u) for k ≤ maxK = ⌊1e-6/(2⁻²⁴ + 2⁻⁵³)⌋ − 3
    // (float32; 4500 in float64), and the check refuses k beyond it. The second-order term
    // e^{2E} − 1 − 2E ≤ (2E)² (2E ≤ 1) is dropped: the bound is first order, as the claim states.
    // S is bounds b1LogitScale on the point: β·max_a max(Σ_c |X_ic μ_ac| + ‖μ_a‖²/2, ‖X_i − μ_a‖²/2),
    // ≥ the statement's β·max_a(|⟨X_i, μ_a⟩| + ‖μ_a‖²/2): what the forward error of the product and
    // of the reference is proportional to.
    constants: {
      float64Tau: 1e-12,
      float32Tau: 1e-6,
      maxK: 13,
    },
    bound: {
      lhs: 'max(abs(w_head - w_ref)) / max(w_ref)',
      relation: '<=',
      rhs: 'tau + (2 * (2 * d + 5) + 2 * (d + 3) * u / u_head) * S_stated * u_head',
      quantities: {
        w_head: "the head's responsibilities of the point over a",
        w_ref: 'the reference responsibilities (theory softEStep, float64) over a',
        tau: 'τ: float64Tau = 1e-12 for a float64 head, float32Tau = 1e-6 for a float32 head',
        d: 'the dimension',
        S_stated:
          "the point's score scale as the claim states it, β·max_a (|⟨X_i, μ_a⟩| + ‖μ_a‖²/2) (b1StatedScale); the proof steps bound the error through the larger scale S of B1.1 (b1LogitScale), so a point where S_stated ≪ S is where the end statement could fail while every step holds",
        u_head: "the head's unit roundoff (2⁻²⁴ in float32, 2⁻⁵³ in float64)",
        u: 'the float64 unit roundoff 2⁻⁵³ (the reference)',
      },
      tolerance: {
        relative: '4 * u',
        why: 'the difference, the absolute values, the max and the division in float64',
      },
    },
    // The chain of bounds/b1-logit-scale.ts b1RoundingBound: the score product's forward error
    // (B1.1), then the softmax's (B1.2); with both, the measure is ≤ b1RoundingBound to first order.
    definitions: { E_s: '(max(s_head - s_ref) - min(s_head - s_ref)) / 2' },
    steps: [
      {
        id: 'B1.1',
        claim: 'B1',
        kind: 'inequality',
        statement:
          'The score product ⟨q_i, k_a⟩ (d squares, a d-term sum and a (d+1)-term dot in the head precision) and the reference score −β‖X_i − μ_a‖²/2 (in float64) differ, up to a shift common to every a, by at most E ≤ ((2d + 5)·u_head + (d + 3)·u)·S plus the underflow of those operations: (2d + 3)·η_head·(1 + β)(1 + max|X| + max|μ|) in the head and (d + 2)·η·(1 + β) in the reference (each rounding x ↦ x(1 + δ) + η, |δ| ≤ u, |η| ≤ the smallest subnormal).',
        lhs: 'E_s',
        relation: '<=',
        rhs: '((2 * d + 5) * u_head + (d + 3) * u) * S + (2 * d + 3) * eta_head * (1 + beta) * (1 + xmax + mumax) + (d + 2) * eta * (1 + beta)',
        quantities: {
          E_s: 'half the range over a of s_head,a − s_ref,a: the smallest max_a |s_head,a − s_ref,a − c| over shifts c (the softmax ignores a common shift)',
          s_head: "the head's scores ⟨q_i, k_a⟩ over a, as computed in the head's precision",
          s_ref: 'the reference scores −β‖X_i − μ_a‖²/2 over a, in float64',
          d: 'the dimension',
          S: "the point's score scale β·max_a max(Σ_c |X_ic μ_ac| + ‖μ_a‖²/2, ‖X_i − μ_a‖²/2) (b1LogitScale)",
          u_head: "the head's unit roundoff (2⁻²⁴ in float32, 2⁻⁵³ in float64)",
          u: 'the float64 unit roundoff 2⁻⁵³ (the reference)',
          beta: 'the inverse temperature β',
          xmax: 'max_c |X_ic|',
          mumax: 'max_a,c |μ_ac|',
          eta_head: "the smallest positive number of the head's precision (2⁻¹⁴⁹ in float32, 2⁻¹⁰⁷⁴ in float64)",
        },
        tolerance: {
          absolute: '4 * u * S',
          why: 'the differences s_head − s_ref, their max and min and the halving, in float64: ≤ 4 roundings of numbers ≤ S',
        },
      },
      {
        id: 'B1.2',
        claim: 'B1',
        kind: 'inequality',
        statement:
          'A score error of half-range E moves each softmax weight by a factor within e^{±2E}; exp, the k-term sum and the division add (k + 3) roundings on each side: max_a |w_head,a − w_ref,a| / max_a w_ref,a ≤ e^{2E} − 1 + (k + 3)(u_head + u), to first order 2E + (k + 3)(u_head + u).',
        lhs: 'max(abs(w_head - w_ref)) / max(w_ref)',
        relation: '<=',
        rhs: 'exp(2 * E_s) - 1 + (k + 3) * (u_head + u)',
        quantities: {
          w_head: "the head's responsibilities over a",
          w_ref: 'the reference responsibilities (theory softEStep) over a',
          E_s: 'as in B1.1, measured',
          k: 'the number of centers',
          u_head: "the head's unit roundoff",
          u: 'the float64 unit roundoff 2⁻⁵³',
        },
        tolerance: {
          relative: '4 * u',
          why: 'the difference, the absolute values, the max and the division in float64',
        },
      },
    ],
  },
  B2: {
    id: 'B2',
    title: 'E-step approximation by temperature',
    statement:
      'Let g_i = (second smallest) − (smallest) of ‖X_i − μ_a‖² over a. Then ‖w_i − e_{ẑ_i}‖₁ = 2(1 − w_{i,ẑ_i}) ≤ 2(k−1)·exp(−β g_i/2). Hence β ≥ (2/g_i)·log((k−1)/ε) gives an ε-close E-step.',
    provenance: 'paper → explicit',
    kind: 'bound',
    constants: { factor: 2 },
    bound: {
      lhs: 'sum(abs(w - e_z))',
      relation: '<=',
      rhs: 'factor * (k - 1) * exp(-beta * g / 2)',
      quantities: {
        w: 'the soft E-step row of a point x at inverse temperature β (theory softEStep)',
        e_z: 'the one-hot vector of the nearest center z',
        factor: "the registry's constant factor (2)",
        k: 'the number of centers',
        beta: 'the inverse temperature β',
        g: 'the margin (second smallest) − (smallest) of D_a = ‖x − μ_a‖² over a',
      },
      tolerance: {
        absolute: '2 * (k + 3) * u',
        relative: '(2 * (d + 3) * beta * Dmax + k + 6) * u',
        why: 'the row sums to 1 within (k + 3) roundings (absolute, in 1 − w_z); the exponents −βD_a/2 carry (d + 3) roundings of numbers ≤ β·Dmax/2 on each side, and exp and the softmax sum k + 6 (relative)',
      },
    },
    steps: [
      {
        id: 'B2.1',
        claim: 'B2',
        kind: 'algebra',
        statement:
          'softmax_a(β(⟨x, μ_a⟩ − ‖μ_a‖²/2)) = softmax_a(−βD_a/2): the head score and the reference score differ by β‖x‖²/2, the same for every a, and a softmax ignores a common shift.',
        lhs: 'beta * (xmu_a - mm_a / 2)',
        relation: '=',
        rhs: '-beta * D_a / 2 + beta * xx / 2',
        quantities: {
          beta: 'the inverse temperature β',
          xmu_a: '⟨x, μ_a⟩',
          mm_a: '‖μ_a‖²',
          xx: '‖x‖²',
          D_a: '‖x − μ_a‖², computed as a sum of squared differences',
          d: 'the dimension (tolerance only)',
        },
        tolerance: {
          absolute: '(2 * d + 8) * u * beta * (xx + mm_a) + (2 * d + 8) * eta * (1 + beta)',
          why: 'D_a, ⟨x, μ_a⟩, ‖μ_a‖² and ‖x‖² are d-term sums of terms bounded by xx + mm_a (each with ≤ d + 2 roundings), then two scalings and two additions; each of their ≤ 2d + 8 products may underflow by eta, and the sums are then scaled by β',
        },
        symbolic: { substitute: { D_a: 'xx - 2 * xmu_a + mm_a' } },
      },
      {
        id: 'B2.2',
        claim: 'B2',
        kind: 'identity',
        statement: '‖w − e_z‖₁ = 2(1 − w_z): w lies on the simplex, so Σ_{a≠z} |w_a| = Σ_{a≠z} w_a = 1 − w_z.',
        lhs: 'sum(abs(w - e_z))',
        relation: '=',
        rhs: '2 * (1 - w_z)',
        quantities: {
          w: 'the soft E-step row',
          e_z: 'the one-hot vector of z',
          w_z: 'the weight of the nearest center z',
          k: 'the number of centers',
        },
        tolerance: {
          absolute: '2 * (k + 3) * u',
          why: 'both sides differ by Σ_a w_a − 1, which the softmax meets within (k + 3) roundings; the k-term sum adds k more',
        },
      },
      {
        id: 'B2.3',
        claim: 'B2',
        kind: 'inequality',
        statement: 'w_b ≤ exp(−β(D_b − D_z)/2) for every b ≠ z: w_b = exp(−βD_b/2)/Σ_a exp(−βD_a/2) and the sum is at least its z term.',
        lhs: 'w_b',
        relation: '<=',
        rhs: 'exp(-beta * (D_b - D_z) / 2)',
        quantities: {
          w_b: 'the weight of a center b ≠ z',
          D_b: '‖x − μ_b‖²',
          D_z: '‖x − μ_z‖², the smallest',
          beta: 'the inverse temperature β',
          Dmax: 'max_a D_a (tolerance only)',
          d: 'the dimension (tolerance only)',
          k: 'the number of centers (tolerance only)',
        },
        tolerance: {
          relative: '(2 * (d + 3) * beta * Dmax + k + 6) * u',
          why: 'the exponents −βD_a/2 carry (d + 3) roundings of numbers ≤ β·Dmax/2 on each side; exp, the softmax sum and the division k + 6',
        },
      },
      {
        id: 'B2.4',
        claim: 'B2',
        kind: 'inequality',
        statement: '1 − w_z = Σ_{b≠z} w_b ≤ (k − 1)·exp(−βg/2): each of the k − 1 terms is bounded by B2.3, and D_b − D_z ≥ g.',
        lhs: 'sum(w_off)',
        relation: '<=',
        rhs: '(k - 1) * exp(-beta * g / 2)',
        quantities: {
          w_off: 'the weights w_b of the centers b ≠ z',
          k: 'the number of centers',
          beta: 'the inverse temperature β',
          g: 'the margin (second smallest) − (smallest) of D_a',
          Dmax: 'max_a D_a (tolerance only)',
          d: 'the dimension (tolerance only)',
        },
        tolerance: {
          relative: '(2 * (d + 3) * beta * Dmax + 2 * k + 6) * u',
          why: 'as B2.3, plus the (k − 1)-term sum',
        },
      },
      {
        id: 'B2.5',
        claim: 'B2',
        kind: 'algebra',
        statement: 'β ≥ (2/g)·log((k − 1)/ε) ⇒ (k − 1)·exp(−βg/2) ≤ ε, with equality at equality: an ε-close E-step.',
        given: { lhs: 'beta', relation: '>=', rhs: '2 / g * log((k - 1) / epsilon)' },
        lhs: '(k - 1) * exp(-beta * g / 2)',
        relation: '<=',
        rhs: 'epsilon',
        quantities: {
          beta: 'the inverse temperature β',
          g: 'the margin, > 0',
          k: 'the number of centers, ≥ 2',
          epsilon: 'the target closeness ε ∈ (0, 1)',
        },
        tolerance: {
          relative: '(8 + 2 * beta * g) * u',
          why: 'exp of an argument βg/2 computed with 3 roundings, and 3 more for the factor and the log in the hypothesis',
        },
        symbolic: {
          substitute: { beta: '2 / g * log((k - 1) / epsilon)' },
          ranges: { k: [2, 50], epsilon: [1e-6, 0.9], g: [0.01, 100] },
        },
      },
    ],
  },
  B3: {
    id: 'B3',
    title: 'Trained E-step layer meets the construction bound',
    statement:
      "A softmax-attention E-step layer with M heads is trained by gradient descent on random instances. Its class caps each head's effective inverse temperature: the spectral norm of the bilinear form W_Q W_Kᵀ, not the separate factors (capping Q and K apart lets a centred pair reach k/(k−1) times the construction's temperature), so the construction sits exactly at the cap. Training approximates ERM as the best of R = 3 independently seeded runs, chosen on a validation set disjoint from the test set. The chosen layer's test error is ≤ ε_construct + slack, where ε_construct is B2's bound for the construction at the cap, averaged over the same instance distribution, and slack is the Monte-Carlo/generalisation slack at the stated failure probability. Report beside it: the construction's own measured test error, every seed's error (the optimisation spread), and the gap between the chosen layer and the construction.",
    provenance: 'paper → explicit',
    kind: 'statistical',
    // R: independently seeded trainings per (cell, M); the best on validation approximates ERM.
    constants: { seeds: 3 },
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
    bound: {
      lhs: 'norm(out_a - mean_a)',
      relation: '<=',
      rhs: '(n - n_a) / (n_a * exp(beta) + n - n_a) * maxdev',
      quantities: {
        out_a: "the head's output for centroid token a: Σ_i s_i X_i / Σ_i s_i with s_i = e^β if ẑ_i = a else 1 (theory mStep)",
        mean_a: 'the mean of the points labelled a (theory hardMStep)',
        n: 'the number of points',
        n_a: 'the number of points labelled a, ≥ 1',
        beta: 'the score β',
        maxdev: 'max_i ‖X_i − mean_a‖',
        Xmax: 'the data scale max(1, max_ic |X_ic|) (tolerance only)',
        d: 'the dimension (tolerance only)',
      },
      tolerance: {
        absolute: '16 * (n + 2) * u * Xmax * sqrt(d)',
        why: 'both weighted means carry about n + 2 roundings of numbers ≤ Xmax per coordinate (as bounds/c2-rounding-allowance.ts)',
      },
    },
    steps: [
      {
        id: 'C2.1',
        claim: 'C2',
        kind: 'identity',
        statement:
          'out_a − mean_a = Σ_{i: ẑ_i≠a} s_i(X_i − mean_a) / Σ_i s_i, because Σ_{i: ẑ_i=a}(X_i − mean_a) = 0 (s_i = e^β if ẑ_i = a else 1).',
        lhs: 'out_a - mean_a',
        relation: '=',
        rhs: 'multiply(s_off, Y) / sum(s)',
        quantities: {
          out_a: "the head's output for a",
          mean_a: 'the mean of the points labelled a',
          s: 'the weights s_i over all points',
          s_off: 'the s_i of the points with ẑ_i ≠ a (one zero term when there are none)',
          Y: 'the rows X_i − mean_a of the points with ẑ_i ≠ a (one zero row when there are none)',
          n: 'the number of points (tolerance only)',
          Xmax: 'the data scale (tolerance only)',
        },
        tolerance: {
          absolute: '16 * (n + 2) * u * Xmax',
          why: 'each side is a weighted mean of n points in float64: about n + 2 roundings of numbers ≤ Xmax',
        },
      },
      {
        id: 'C2.2',
        claim: 'C2',
        kind: 'algebra',
        statement: 'Σ_i s_i = n_a·e^β + n − n_a: n_a scores are e^β, the other n − n_a are 1.',
        lhs: 'sum(s)',
        relation: '=',
        rhs: 'n_a * exp(beta) + n - n_a',
        quantities: { s: 'the s_i over all points', n: 'the number of points', n_a: 'the number labelled a', beta: 'the score β' },
        tolerance: { relative: '(n + 4) * u', why: 'an n-term sum of positive terms and exp' },
        symbolic: { substitute: { 'sum(s)': 'n_a * exp(beta) + (n - n_a) * 1' }, ranges: { n: [1, 1000], n_a: [1, 1000], beta: [0, 50] } },
      },
      {
        id: 'C2.3',
        claim: 'C2',
        kind: 'inequality',
        statement:
          '‖out_a − mean_a‖ ≤ (n − n_a)·max_i ‖X_i − mean_a‖ / (n_a e^β + n − n_a): the triangle inequality on the n − n_a terms of C2.1, each with s_i = 1, over the sum of C2.2.',
        lhs: 'norm(out_a - mean_a)',
        relation: '<=',
        rhs: '(n - n_a) * maxdev / (n_a * exp(beta) + n - n_a)',
        quantities: {
          out_a: "the head's output for a",
          mean_a: 'the mean of the points labelled a',
          n: 'the number of points',
          n_a: 'the number labelled a',
          beta: 'the score β',
          maxdev: 'max_i ‖X_i − mean_a‖',
          Xmax: 'the data scale (tolerance only)',
          d: 'the dimension (tolerance only)',
        },
        tolerance: { absolute: '16 * (n + 2) * u * Xmax * sqrt(d)', why: 'as C2.1, per coordinate, under the Euclidean norm' },
      },
    ],
  },
  C3: {
    id: 'C3',
    title: 'Trained M-step layer meets the construction bound',
    statement:
      "The same as B3, for a trained M-step layer against C2's construction, with the class capped on the bilinear form so that the construction sits at the cap.",
    provenance: 'paper → explicit',
    kind: 'statistical',
    // R: independently seeded trainings per (cell, M), as B3.
    constants: { seeds: 3 },
  },
  D1: {
    id: 'D1',
    title: 'Softmax universal-approximation surrogate',
    statement:
      'Take f L-Lipschitz on [−R, R]^d and grid anchors x_m, m per axis (M = m^d, spacing h = 2R/(m−1)). Let f̃(x) = Σ_m softmax_m(−β‖x − x_m‖²)·f(x_m). Then for every δ > 0: sup‖f̃ − f‖ ≤ L(√d·h/2 + δ) + 2LR√d·M·e^{−βδ²}.',
    provenance: 'paper → explicit',
    kind: 'bound',
    constants: {},
    definitions: { h: '2 * R / (m - 1)', r: 'sqrt(d) * h / 2', M: 'm ^ d' },
    bound: {
      lhs: 'norm(ft - fx)',
      relation: '<=',
      rhs: 'L * (r + delta) + 2 * L * R * sqrt(d) * M * exp(-beta * delta ^ 2)',
      quantities: {
        ft: 'the surrogate f̃(x) = Σ_m p_m f(x_m) (bounds d1Surrogate)',
        fx: 'f(x)',
        L: 'the Lipschitz constant of f',
        r: 'the covering radius √d·h/2 of the grid',
        delta: 'any δ > 0',
        R: 'the half-width of the cube [−R, R]^d',
        d: 'the dimension',
        M: 'the number of anchors m^d',
        beta: 'the inverse temperature β',
      },
      tolerance: {
        absolute: '4 * (M + 8) * u * Fmax',
        why: 'the surrogate is an M-term weighted mean of values ≤ Fmax, normalised: about M + 8 roundings',
      },
    },
    steps: [
      {
        id: 'D1.1',
        claim: 'D1',
        kind: 'identity',
        statement: 'f̃(x) − f(x) = Σ_m p_m (f(x_m) − f(x)), since the softmax weights p_m sum to 1.',
        lhs: 'ft - fx',
        relation: '=',
        rhs: 'multiply(p, dF)',
        quantities: {
          ft: 'f̃(x)',
          fx: 'f(x)',
          p: 'the softmax weights p_m = softmax_m(−β‖x − x_m‖²)',
          dF: 'the rows f(x_m) − f(x)',
          M: 'the number of anchors (tolerance only)',
          Fmax: 'max(max_m ‖f(x_m)‖_∞, ‖f(x)‖_∞) (tolerance only)',
        },
        tolerance: {
          absolute: '4 * (M + 8) * u * Fmax',
          why: 'two M-term weighted sums of values ≤ 2·Fmax and the normalisation: about M + 8 roundings each',
        },
      },
      {
        id: 'D1.2',
        claim: 'D1',
        kind: 'inequality',
        statement:
          'Anchors with ‖x − x_m‖ ≤ r + δ contribute at most L(r + δ): ‖Σ_near p_m (f(x_m) − f(x))‖ ≤ L(r + δ)·Σ_near p_m ≤ L(r + δ).',
        lhs: 'norm(multiply(p .* (dist <= r + delta), dF))',
        relation: '<=',
        rhs: 'L * (r + delta)',
        quantities: {
          p: 'the softmax weights p_m',
          dist: 'the distances ‖x − x_m‖',
          dF: 'the rows f(x_m) − f(x)',
          r: 'the covering radius',
          delta: 'δ',
          L: 'the Lipschitz constant',
          M: 'the number of anchors (tolerance only)',
          Fmax: 'the value scale (tolerance only)',
        },
        tolerance: {
          absolute: '4 * (M + 8) * u * Fmax',
          why: 'an M-term weighted sum of values ≤ 2·Fmax and its norm; f(x_m) − f(x) computed from values ≤ Fmax',
        },
      },
      {
        id: 'D1.3',
        claim: 'D1',
        kind: 'inequality',
        statement: 'Some anchor lies within r of x, so every anchor has p_m ≤ exp(−β(‖x − x_m‖² − r²)).',
        lhs: 'p_m',
        relation: '<=',
        rhs: 'exp(-beta * (dist_m ^ 2 - r ^ 2))',
        quantities: {
          p_m: 'the softmax weight of anchor m',
          dist_m: '‖x − x_m‖',
          r: 'the covering radius',
          beta: 'the inverse temperature β',
          Dmax: 'max_m ‖x − x_m‖² (tolerance only)',
          d: 'the dimension (tolerance only)',
          M: 'the number of anchors (tolerance only)',
        },
        tolerance: {
          relative: '(2 * (d + 3) * beta * (Dmax + r ^ 2) + M + 6) * u',
          why: 'the exponents −β‖x − x_m‖² carry (d + 3) roundings of numbers ≤ β·Dmax on each side (r² too); exp, the M-term softmax sum and the division M + 6',
        },
      },
      {
        id: 'D1.4',
        claim: 'D1',
        kind: 'inequality',
        statement: 'For ‖x − x_m‖ > r + δ: ‖x − x_m‖² − r² ≥ 2rδ + δ² ≥ δ², so p_m ≤ e^{−βδ²}.',
        given: { lhs: 'dist_m', relation: '>', rhs: 'r + delta' },
        lhs: 'p_m',
        relation: '<=',
        rhs: 'exp(-beta * delta ^ 2)',
        quantities: {
          p_m: 'the softmax weight of anchor m',
          dist_m: '‖x − x_m‖',
          r: 'the covering radius',
          delta: 'δ',
          beta: 'the inverse temperature β',
          Dmax: 'max_m ‖x − x_m‖² (tolerance only)',
          d: 'the dimension (tolerance only)',
          M: 'the number of anchors (tolerance only)',
        },
        tolerance: { relative: '(2 * (d + 3) * beta * (Dmax + r ^ 2) + M + 6) * u', why: 'as D1.3' },
      },
      {
        id: 'D1.5',
        claim: 'D1',
        kind: 'inequality',
        statement:
          'Far anchors (‖x − x_m‖ > r + δ) contribute at most M·e^{−βδ²}·L·2R√d, as ‖f(x_m) − f(x)‖ ≤ L·2R√d in the cube; with D1.2 this is D1’s bound.',
        lhs: 'norm(multiply(p .* (dist > r + delta), dF))',
        relation: '<=',
        rhs: 'M * exp(-beta * delta ^ 2) * L * 2 * R * sqrt(d)',
        quantities: {
          p: 'the softmax weights p_m',
          dist: 'the distances ‖x − x_m‖',
          dF: 'the rows f(x_m) − f(x)',
          r: 'the covering radius',
          delta: 'δ',
          M: 'the number of anchors',
          L: 'the Lipschitz constant',
          R: 'the half-width of the cube',
          d: 'the dimension',
          beta: 'the inverse temperature β',
          Dmax: 'max_m ‖x − x_m‖² (tolerance only)',
          Fmax: 'the value scale (tolerance only)',
        },
        tolerance: {
          absolute: '4 * (M + 8) * u * Fmax',
          relative: '(2 * (d + 3) * beta * (Dmax + r ^ 2) + M + 6) * u',
          why: 'as D1.2 (absolute) and D1.3 (relative, for the weights)',
        },
      },
    ],
  },
  D2: {
    id: 'D2',
    title: 'Trained approximators improve with anchors M',
    statement:
      'The error of trained M-term softmax approximators falls as M grows; say in the report whether M counts heads or anchor keys inside one softmax. Targets: the nonlinear pieces of the EM maps (x ↦ ‖x‖², x ↦ 1/x on [a, b], log-sum-exp). Train R = 3 seeds per M and use the median. Holds iff no step from one M to the next raises the error beyond its paired band, and the error at the largest M is at most half the error at the smallest M ≥ 2 with confidence. Report the fitted log-log slope with a bootstrap interval beside −1/d.',
    provenance: 'paper',
    kind: 'trend',
    constants: { seeds: 3, halvingFactor: 0.5, familyWiseFailureProbability: 0.05, bootstrapReplicates: 1000, bootstrapLevel: 0.95 },
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
    bound: {
      given: { lhs: 'D_others - D_a', relation: '>', rhs: '2 * epsilon * (r_a + r_others) + 2 * epsilon ^ 2' },
      lhs: 'Dp_a',
      relation: '<',
      rhs: 'min(Dp_others)',
      quantities: {
        D_a: '‖x − μ_a*‖², a* the nearest center',
        D_others: '‖x − μ_b‖² over b ≠ a*',
        r_a: '‖x − μ_a*‖',
        r_others: '‖x − μ_b‖ over b ≠ a*',
        epsilon: 'the largest move ε of a center',
        Dp_a: '‖x − μ′_a*‖² after the move',
        Dp_others: '‖x − μ′_b‖² over b ≠ a* after the move',
        d: 'the dimension (tolerance only)',
      },
      tolerance: {
        absolute: '8 * (d + 2) * u * (Dp_a + min(Dp_others))',
        why: 'each squared distance is a d-term sum, (d + 2) roundings; the moved centers one more each',
      },
    },
    steps: [
      {
        id: 'E2.1',
        claim: 'E2',
        kind: 'algebra',
        statement:
          '|‖x − μ′_c‖² − ‖x − μ_c‖²| ≤ 2ε‖x − μ_c‖ + ε² for ‖μ′_c − μ_c‖ ≤ ε (expand, Cauchy–Schwarz); equality when μ_c moves straight away from x by ε.',
        lhs: 'abs(Dp_c - D_c)',
        relation: '<=',
        rhs: '2 * epsilon * r_c + epsilon ^ 2',
        quantities: {
          D_c: '‖x − μ_c‖²',
          Dp_c: '‖x − μ′_c‖²',
          r_c: '‖x − μ_c‖',
          epsilon: 'the largest move ε',
          d: 'the dimension (tolerance only)',
          cmax_c: 'max_j |μ′_cj|, the moved center’s largest coordinate (tolerance only)',
        },
        tolerance: {
          absolute: '8 * (d + 2) * u * (D_c + Dp_c + epsilon ^ 2) + 2 * (r_c + epsilon) * sqrt(d) * u * cmax_c',
          why: 'two d-term squared distances, (d + 2) roundings each; and the moved center is stored rounded, up to u·cmax_c per coordinate beyond ε, which moves the right side by its ε-derivative 2(r_c + ε) times √d·u·cmax_c',
        },
        symbolic: { substitute: { Dp_c: '(r_c + epsilon) ^ 2', D_c: 'r_c ^ 2' }, ranges: { r_c: [0, 10], epsilon: [0, 10] } },
      },
      {
        id: 'E2.2',
        claim: 'E2',
        kind: 'inequality',
        statement:
          'If D_b − D_a* > 2ε(‖x − μ_a*‖ + ‖x − μ_b‖) + 2ε², then D′_b ≥ D_b − 2ε‖x − μ_b‖ − ε² > D_a* + 2ε‖x − μ_a*‖ + ε² ≥ D′_a* (E2.1 twice); for all b ≠ a* this keeps the label.',
        given: { lhs: 'D_b - D_a', relation: '>', rhs: '2 * epsilon * (r_a + r_b) + 2 * epsilon ^ 2' },
        lhs: 'Dp_a',
        relation: '<',
        rhs: 'Dp_b',
        quantities: {
          D_a: '‖x − μ_a*‖²',
          D_b: '‖x − μ_b‖², b ≠ a*',
          r_a: '‖x − μ_a*‖',
          r_b: '‖x − μ_b‖',
          Dp_a: '‖x − μ′_a*‖²',
          Dp_b: '‖x − μ′_b‖²',
          epsilon: 'the largest move ε',
          d: 'the dimension (tolerance only)',
        },
        tolerance: { absolute: '8 * (d + 2) * u * (Dp_a + Dp_b)', why: 'as E2.1, for the two moved squared distances' },
      },
    ],
  },
  E3: {
    id: 'E3',
    title: 'Depth and heads per Lloyd step',
    statement:
      "Report the layers and heads per Lloyd step of our construction, beside the paper's O(k) layers per step and 2 layers per EM step in the TGMM construction (arXiv:2505.11918). A report has no verdict: counting our own design cannot confirm or refute the paper.",
    provenance: 'paper',
    kind: 'report',
    constants: { tgmmLayersPerEmStep: 2 },
  },
  F1: {
    id: 'F1',
    title: 'Oracle error against the union bound',
    statement:
      "The oracle's per-point error is ≤ Σ_{b≠a} Φ(−‖μ_a − μ_b‖/(2σ)). For simplex centers that is (k−1)·Φ(−Δ/2σ); for k = 2 with equal weights it is exactly Φ(−Δ/2σ). Show the minimax envelope exp(−Δ²/8σ²) beside it: −log Φ(−Δ/2)/(Δ²/8) is 3.68, 1.89, 1.29, 1.09 at Δ = 2, 4, 8, 16, so the (1+o(1)) in the exponent is large at practical Δ. The verdict states the regime actually tested; cells too costly to sample are listed as not tested, never counted as holding.",
    provenance: 'standard',
    kind: 'statistical',
    constants: {},
    bound: {
      lhs: 'err_a',
      relation: '<=',
      rhs: 'sum(Phi(-dist_a / (2 * sigma)))',
      quantities: {
        err_a: "the oracle's error rate on T Monte-Carlo points of cluster a (nearest true center ≠ a, ties to the smallest index)",
        dist_a: '‖μ_a − μ_b‖ over b ≠ a',
        sigma: 'the noise level σ',
        trials: 'the Monte-Carlo count T',
        alpha: 'the failure probability of this comparison',
      },
      tolerance: {
        absolute: 'sqrt(log(1 / alpha) / (2 * trials))',
        why: 'one-sided Hoeffding bound on a frequency of T Bernoulli draws at failure probability alpha (statistical, not rounding)',
      },
    },
    steps: [
      {
        id: 'F1.1',
        claim: 'F1',
        kind: 'identity',
        statement:
          'For a point of cluster a, the pairwise error P(‖X − μ_b‖ < ‖X − μ_a‖) equals Φ(−‖μ_a − μ_b‖/(2σ)) exactly: only the noise along μ_b − μ_a matters. Checked by Monte Carlo at a stated failure probability.',
        lhs: 'phat_ab',
        relation: '=',
        rhs: 'Phi(-dist_ab / (2 * sigma))',
        quantities: {
          phat_ab: 'the frequency of ‖X − μ_b‖ < ‖X − μ_a‖ over T draws X = μ_a + σε',
          dist_ab: '‖μ_a − μ_b‖',
          sigma: 'the noise level σ',
          trials: 'the Monte-Carlo count T',
          alpha: 'the failure probability of this comparison',
        },
        tolerance: {
          absolute: 'sqrt(log(2 / alpha) / (2 * trials))',
          why: 'two-sided Hoeffding bound on a frequency of T Bernoulli draws at failure probability alpha (statistical, not rounding)',
        },
      },
      {
        id: 'F1.2',
        claim: 'F1',
        kind: 'inequality',
        statement:
          'The per-point error is ≤ the sum of the pairwise errors (union bound): the oracle errs only if some b ≠ a beats a. On the same draws the frequencies obey it exactly.',
        lhs: 'err_a',
        relation: '<=',
        rhs: 'sum(pairs_a)',
        quantities: {
          err_a: "the oracle's error frequency for cluster a",
          pairs_a: 'the frequencies, on the same draws, with which each b ≠ a beats a (closer, or tied with a smaller index)',
          k: 'the number of centers (tolerance only)',
        },
        tolerance: { relative: '(k + 2) * u', why: 'a (k − 1)-term sum of frequencies' },
      },
    ],
  },
  F2: {
    id: 'F2',
    title: 'Lloyd from a good init reaches the minimax rate',
    statement:
      "Start Lloyd from perturbed-truth with Λ_0 ≤ 0.3 and run ⌈4 ln n⌉ iterations, with n ≥ 1000, Δ/σ ∈ [3, 8], k ≤ 8 and k·d/n ≤ 0.05. (Lu & Zhou state their rate through the effective SNR r_k = (Δ/σ)·√(α/(1 + kd/n)); with k·d/n ≤ 0.05 it stays within 3% of (Δ/σ)·√α. v1 left d unbounded, and at k = 8, d = 32, n = 1000 Lloyd's excess over the oracle is about 0.02 — a finite-sample effect the theory itself predicts.) Then: the mean error over repetitions is ≤ exp(−Δ²/8σ²); every single run is ≤ exp(−Δ²/16σ²); the mean of |Lloyd − oracle| is ≤ 0.01. Mean tests use a variance-adaptive (empirical-Bernstein) bound, so cells whose errors are tiny resolve without 10⁵ runs. Outside the regime, report the mean excess |Lloyd − oracle| against k·d/n (d up to 32) as a trend beside the verdict.",
    provenance: 'standard',
    kind: 'statistical',
    constants: { lambda0: 0.3, iterationFactor: 4, oracleGap: 0.01, kdOverNMax: 0.05 },
  },
  F3: {
    id: 'F3',
    title: 'Pretrained transformer clusters near the oracle, at the rate in n',
    statement:
      "A transformer pretrained on instances with n drawn from [32, 256], Δ/σ ∈ [3, 6] and k ≤ 4, given the perturbed-truth initialization (Λ_0 = 0.3) as centroid tokens, clusters fresh instances. Its error is aligned to the initialization's order, as Lloyd's from the same init is (the permutation-minimised rate is reported beside it: at small n the minimum over k! relabellings biases every method's rate down). Three parts, all in the verdict: (a) level — in every (k, Δ, n) cell the mean error is ≤ 2(k−1)Φ(−Δ/2σ) + 0.01; (b) as good as what it emulates — in every cell with n ≥ 128, the paired mean of (transformer − Lloyd from the same init) is ≤ 0.1·Lloyd's mean + 0.002; (c) rate in n — the paired excess over the oracle (transformer − oracle, on the same instances) does not rise between consecutive n ∈ {32, 64, 128, 256}: each rise (excess at the larger n minus excess at the smaller) has a confidence interval; violated when a lower bound exceeds 0.001, holds when every upper bound is ≤ 0.001, inconclusive otherwise. (b) is judged the same way: violated when the lower bound exceeds its allowance, holds when the upper bound is within it. n = 512 and 1024 are reported as out-of-range points, with the exponent −ln(error)/(Δ²/8σ²) against Δ for the transformer, Lloyd and the oracle.",
    provenance: 'paper → explicit',
    kind: 'statistical',
    constants: {
      factor: 2,
      additive: 0.01,
      lambda0: 0.3,
      /** Pre-training n range [min, max]; part (c) doubles n from min to max. */
      minN: 32,
      maxN: 256,
      /** Out-of-range points: n = 2·maxN and 4·maxN. */
      outOfRangeDoublings: 2,
      emulationFromN: 128,
      emulationFactor: 0.1,
      emulationAdditive: 0.002,
      riseTolerance: 0.001,
    },
  },
  F4: {
    id: 'F4',
    title: 'Error against pre-training instances',
    statement:
      'The error does not rise as the number N of pre-training instances grows. All N are evaluated on the same held-out instances, so comparisons are paired. Holds iff the error at the largest N is below the error at the smallest N (one-sided paired test) and no step between consecutive N rises significantly. Fit the slope of excess risk over the oracle against N on every N, with a bootstrap interval, beside an O(N^{−1/2}) envelope; never drop an N because its excess came out small or negative (report the fit as undefined instead).',
    provenance: 'paper',
    kind: 'trend',
    constants: { k: 3, familyWiseFailureProbability: 0.05, bootstrapReplicates: 1000, bootstrapLevel: 0.95, envelopeSlope: -0.5 },
  },
  G1: {
    id: 'G1',
    title: 'Beyond the assumptions',
    statement:
      "Beyond the assumptions: anisotropic (eigenvalues in [0.25, 2.25]), imbalanced (α = 0.1 and 0.05), heavy-tailed (t, ν = 3), no initialization, and wrong k (the method is told m = k − 1 or k + 1). For each setting a transformer is trained on that setting's own family, and the transformer pretrained on isotropic balanced mixtures is also evaluated (transfer). Every method gets the same information: given an init, all get the same perturbed-truth init; without one, Lloyd and EM start from k-means++ and the transformer from none. Holds iff, in every setting, the in-family transformer's paired mean error is ≤ min(Lloyd, EM) + 0.1·min(Lloyd, EM) + 0.005. Paired differences of two mislabel rates lie in [−r, r] with r = 1 − 1/max(k, m). The transfer numbers are findings, shown but outside the verdict.",
    provenance: 'paper',
    kind: 'trend',
    constants: {
      k: 3,
      delta: 4,
      lambdaMin: 0.25,
      lambdaMax: 2.25,
      alphaLarge: 0.1,
      alphaSmall: 0.05,
      nu: 3,
      factor: 0.1,
      additive: 0.005,
      familyWiseFailureProbability: 0.05,
    },
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
