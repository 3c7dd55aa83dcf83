import type { CheckKind, Provenance } from './registry';

/**
 * The fixed prose of the claims document (bounds/CLAIMS.md): the paper it checks, §1 Model and notation, §2 Reference
 * algorithms, §4 Rules for statistical checks, and the definitions of the provenance tags and check
 * kinds that §3 uses. §3's claims themselves come from the registry (bounds/registry.ts); this file
 * holds only the text around them. Strings are inline Markdown.
 */

/** One bullet: an optional bold lead-in, its text, and nested bullets. */
export interface SpecBullet {
  readonly lead?: string;
  readonly text: string;
  readonly items?: readonly SpecBullet[];
}

export type SpecBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'bullets'; readonly items: readonly SpecBullet[] };

export interface SpecSection {
  /** The section number that code comments cite as `CLAIMS.md §<number>`. */
  readonly number: number;
  readonly title: string;
  readonly blocks: readonly SpecBlock[];
}

/** The paper whose claims this project checks. */
export const PAPER_CITATION =
  'Y. He, H.-Y. Chen, Y. Cao, J. Fan, H. Liu, _Transformers versus the EM Algorithm in Multi-class Clustering_, arXiv:2502.06007 (2025).';

/** What the paper claims, in its own abstract. */
export const PAPER_ABSTRACT_CLAIMS: readonly string[] = [
  'softmax attention layers are strongly connected to the workflow of the EM algorithm when clustering a mixture of Gaussians;',
  'approximation bounds hold for the Expectation and the Maximization steps, proved through the universal approximation of multivariate mappings by softmax functions;',
  'with enough pre-training samples and an initialization, transformers reach the minimax optimal rate of the clustering problem;',
  "simulations show strong learning even beyond the theory's assumptions.",
];

export const MODEL_AND_NOTATION: SpecSection = {
  number: 1,
  title: 'Model and notation',
  blocks: [
    {
      kind: 'bullets',
      items: [
        {
          lead: 'An instance.',
          text: 'k clusters in dimension d with n points:',
          items: [
            { text: 'centres μ_1..μ_k ∈ R^d and labels z_i ∈ [k];' },
            { text: 'X_i = μ_{z_i} + σ ε_i, with ε_i ~ N(0, I_d) independent;' },
            { text: 'cluster weights π (default: equal).' },
          ],
        },
        {
          lead: 'Separation and signal.',
          text: '',
          items: [
            { text: 'Separation Δ = min_{a≠b} ‖μ_a − μ_b‖, and SNR = Δ/σ.' },
            { text: "α = the smallest cluster's share of the n points." },
          ],
        },
        {
          lead: 'Centre layouts.',
          text: 'Each must hit Δ exactly by construction, not by rejection sampling:',
          items: [
            { text: '`simplex`: all pairwise distances equal Δ (a regular simplex, randomly rotated into R^d; needs d ≥ k−1);' },
            { text: '`random`: directions drawn at random, then rescaled so that the minimum pairwise distance is exactly Δ.' },
          ],
        },
        {
          lead: 'Beyond-assumption variants',
          text: '(claim group G):',
          items: [
            { text: 'anisotropic per-cluster covariances, with eigenvalues in [λ_min, λ_max];' },
            { text: 'imbalanced weights (α down to 0.05);' },
            { text: 'heavy tails: multivariate t with ν degrees of freedom, scaled to covariance σ²I;' },
            { text: 'the number of clusters fed to the method differing from the true k;' },
            { text: 'no initialization given.' },
          ],
        },
        {
          lead: 'Mislabel rate.',
          text: 'h(ẑ, z) = min over permutations π of [k] of (1/n)·Σ_i 1{π(ẑ_i) ≠ z_i}, computed by optimal assignment on the k×k confusion matrix.',
        },
        {
          lead: 'Φ',
          text: 'is the standard normal CDF. At large Δ, compute tail quantities in log space: Φ(−16) ≈ 6e-58.',
        },
      ],
    },
  ],
};

export const REFERENCE_ALGORITHMS: SpecSection = {
  number: 2,
  title: 'Reference algorithms',
  blocks: [
    { kind: 'paragraph', text: 'These live in theory/, in plain float64 code, with no tensor library.' },
    {
      kind: 'bullets',
      items: [
        {
          lead: 'Soft E-step',
          text: '(inverse temperature β):',
          items: [
            { text: 'w_ia = softmax_a(−β‖X_i − μ_a‖²/2) = softmax_a(β(⟨X_i, μ_a⟩ − ‖μ_a‖²/2)).' },
            { text: 'The EM form adds log π_a and uses β = 1/σ².' },
          ],
        },
        { lead: 'Hard E-step.', text: 'ẑ_i = argmin_a ‖X_i − μ_a‖²; ties go to the smallest index.' },
        {
          lead: 'M-step.',
          text: 'μ_a = Σ_i w_ia X_i / Σ_i w_ia. An empty cluster keeps its previous centre, and the run says so.',
        },
        {
          lead: 'Lloyd',
          text: 'alternates the hard E-step and the M-step. **EM** alternates the soft E-step and the M-step, and also updates π and σ².',
        },
        {
          lead: 'Initializations.',
          text: '',
          items: [
            { text: '`perturbed-truth`: true centres moved so that Λ_0 = max_a ‖μ̂_a − μ_a‖/Δ equals a given value (default 0.3);' },
            { text: '`k-means++`;' },
            { text: '`spectral`: project onto the top-k singular subspace, then k-means++ there.' },
          ],
        },
        { lead: 'Oracle.', text: 'ẑ_i = argmin_a ‖X_i − μ_a‖ with the true centres.' },
      ],
    },
  ],
};

/** The paragraphs that open §3, before the provenance tags and check kinds. */
export const CLAIMS_INTRODUCTION: readonly string[] = [
  'Every claim that the harness checks is written out as an explicit, falsifiable statement, with a provenance tag and a check kind; the reports show both. The full text of the paper was not available when these statements were written.',
  "Each claim's explicit constants are listed with it. Where the paper's exact constants become available, they replace ours: a one-line change per claim in bounds/registry.ts.",
];

/** What each provenance tag means. */
export const PROVENANCE_DEFINITIONS = {
  paper: 'stated by the paper;',
  standard:
    "a published result the paper builds on (Lu & Zhou 2016, _Statistical and computational guarantees of Lloyd's algorithm and its variants_, arXiv:1612.02099);",
  explicit: 'our explicit-constant version of a claim that the paper makes in O(·) form, or a construction of ours that realises it;',
  'paper → explicit': 'stated by the paper (in O(·) form); what is checked is our explicit-constant version of it.',
} as const satisfies Record<Provenance, string>;

/** What each check kind means. */
export const CHECK_KIND_DEFINITIONS = {
  exact: 'equality up to floating-point tolerance;',
  bound: 'an inequality tested on every generated case;',
  statistical: 'a Monte-Carlo inequality with a stated failure probability;',
  trend: 'a reported shape, with a verdict but no hard test failure;',
  report: 'numbers shown with no verdict, where a verdict could not be falsified.',
} as const satisfies Record<CheckKind, string>;

export const STATISTICAL_CHECK_RULES: SpecSection = {
  number: 4,
  title: 'Rules for statistical checks',
  blocks: [
    {
      kind: 'bullets',
      items: [
        {
          lead: 'State the failure probability.',
          text: 'Every statistical check states its failure probability, and derives its sample counts from an exact binomial (Clopper–Pearson) or Hoeffding bound. Never widen a tolerance until a flaky test passes.',
        },
        {
          lead: 'Make failures replayable.',
          text: 'Every random choice flows from one seed. A failure prints the seed, and the fast-check path where there is one, so that it can be replayed.',
        },
        {
          lead: 'Three verdicts.',
          text: "A claim's verdict is `holds`, `violated` or `inconclusive` (too few samples, or outside the claim's regime).",
        },
        {
          lead: 'Pair what shares instances.',
          text: 'When two methods (or two models) are evaluated on the same instances, compare them through per-instance differences and their bands, never through two overlapping marginal bands. A difference of two mislabel rates lies in [−r, r] with r = 1 − 1/max(k, m).',
        },
        {
          lead: 'Never select by outcome.',
          text: 'A fit or a test uses every planned point; a point whose value is awkward (zero, negative, noisy) is reported, not dropped.',
        },
        {
          lead: 'Every check has a negative control:',
          text: "the claim's own code with one thing broken must make the check say `violated`.",
        },
        {
          lead: 'Report violations.',
          text: 'A `violated` claim is a finding to report, not a test to delete. The report says where the claim breaks, with the smallest counterexample that fast-check shrank to.',
        },
      ],
    },
  ],
};
