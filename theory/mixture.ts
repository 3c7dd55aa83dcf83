import { LAYOUTS, type Layout, makeCenters } from './layouts';
import { type Matrix, zeros } from './matrix';
import { randomOrthonormalRows } from './orthonormal';
import type { Rng } from './rng';
import { fillStandardNormal, fillUnitCovarianceT } from './samplers';
import { assertInRange, assertInteger, assertPositive, fail } from './validate';

/** Beyond-assumption variants (CLAIMS.md §1, claim G1). */
export type Variant =
  | { kind: 'isotropic' }
  /** Per-cluster covariance σ²·Q_a diag(λ_a) Q_aᵀ, λ_a uniform in [lambdaMin, lambdaMax], Q_a random. */
  | { kind: 'anisotropic'; lambdaMin: number; lambdaMax: number }
  /** Cluster 0 holds a share alpha ≤ 1/k of the points; the rest share equally. */
  | { kind: 'imbalanced'; alpha: number }
  /** Multivariate t with nu > 2 degrees of freedom, scaled to covariance σ²I. */
  | { kind: 'heavy-tailed'; nu: number };

export const VARIANT_KINDS = ['isotropic', 'anisotropic', 'imbalanced', 'heavy-tailed'] as const;

export interface MixtureSpec {
  /** Number of clusters, ≥ 1. */
  readonly k: number;
  /** Dimension, ≥ 1. */
  readonly d: number;
  /** Number of points, ≥ k. */
  readonly n: number;
  /** Separation Δ = min_{a≠b} ‖μ_a − μ_b‖, > 0. */
  readonly delta: number;
  /** Noise scale σ, > 0. */
  readonly sigma: number;
  readonly layout: Layout;
  readonly variant: Variant;
}

export interface Instance {
  readonly spec: MixtureSpec;
  /** k×d true centers μ_a. */
  readonly centers: Matrix;
  /** z_i ∈ {0..k−1}. */
  readonly labels: Int32Array;
  /** n×d points X_i. */
  readonly points: Matrix;
  /** Cluster weights π (shares of the n points before rounding). */
  readonly weights: readonly number[];
}

/** Validates a spec and returns it, failing on the first bad parameter. */
export function validateSpec(spec: MixtureSpec): MixtureSpec {
  assertInteger('k', spec.k, 1);
  assertInteger('d', spec.d, 1);
  assertInteger('n', spec.n, spec.k);
  assertPositive('delta', spec.delta);
  assertPositive('sigma', spec.sigma);
  if (!LAYOUTS.includes(spec.layout)) fail('layout', spec.layout, `one of ${LAYOUTS.join(', ')}`);
  if (spec.layout === 'simplex' && spec.d < spec.k - 1) fail('d', spec.d, `>= k−1 = ${spec.k - 1} for the simplex layout`);
  const v = spec.variant as Variant | undefined;
  switch (v?.kind) {
    case 'isotropic':
      break;
    case 'anisotropic':
      assertPositive('lambdaMin', v.lambdaMin);
      assertPositive('lambdaMax', v.lambdaMax);
      if (v.lambdaMax < v.lambdaMin) fail('lambdaMax', v.lambdaMax, `>= lambdaMin (${v.lambdaMin})`);
      break;
    case 'imbalanced':
      assertInRange('alpha', v.alpha, Number.MIN_VALUE, 1 / spec.k);
      break;
    case 'heavy-tailed':
      if (!(v.nu > 2) || !Number.isFinite(v.nu)) fail('nu', v.nu, 'a finite number > 2 (the covariance must exist)');
      break;
    default:
      fail('variant', (v as { kind?: unknown } | undefined)?.kind ?? v, `one of ${VARIANT_KINDS.join(', ')}`);
  }
  return spec;
}

export function mixtureWeights(spec: MixtureSpec): number[] {
  if (spec.variant.kind !== 'imbalanced' || spec.k === 1) return new Array<number>(spec.k).fill(1 / spec.k);
  const { alpha } = spec.variant;
  return [alpha, ...new Array<number>(spec.k - 1).fill((1 - alpha) / (spec.k - 1))];
}

/**
 * Cluster sizes n·π_a rounded by largest remainder, so they sum to n exactly. Fails when a
 * cluster would be empty.
 */
export function clusterSizes(n: number, weights: readonly number[]): number[] {
  const raw = weights.map((w) => w * n);
  const sizes = raw.map(Math.floor);
  let missing = n - sizes.reduce((s, x) => s + x, 0);
  const order = raw.map((x, a) => ({ a, r: x - Math.floor(x) })).sort((p, q) => q.r - p.r || p.a - q.a);
  for (const { a } of order) {
    if (missing <= 0) break;
    sizes[a] = sizes[a]! + 1;
    missing--;
  }
  sizes.forEach((s, a) => {
    if (s < 1) fail('n', n, `large enough that cluster ${a} (weight ${weights[a]}) gets a point`);
  });
  return sizes;
}

/**
 * Draws one instance: centers by the layout, labels with exact cluster sizes in random order,
 * then X_i = μ_{z_i} + σ·ε_i with ε_i from the variant's noise law (CLAIMS.md §1).
 */
export function sampleInstance(spec: MixtureSpec, rng: Rng): Instance {
  validateSpec(spec);
  const { k, d, n, sigma } = spec;
  const centers = makeCenters(spec.layout, k, d, spec.delta, rng);
  const weights = mixtureWeights(spec);
  const sizes = clusterSizes(n, weights);
  const labelList: number[] = [];
  sizes.forEach((s, a) => {
    for (let t = 0; t < s; t++) labelList.push(a);
  });
  const labels = Int32Array.from(rng.shuffle(labelList));
  const points = zeros(n, d);
  const noise = new Float64Array(d);
  const variant = spec.variant;
  const shapes = variant.kind === 'anisotropic' ? anisotropicFactors(rng, k, d, variant.lambdaMin, variant.lambdaMax) : undefined;
  for (let i = 0; i < n; i++) {
    const a = labels[i]!;
    if (variant.kind === 'heavy-tailed') fillUnitCovarianceT(rng, variant.nu, noise);
    else fillStandardNormal(rng, noise);
    const shaped = shapes ? applyFactor(shapes[a]!, noise) : noise;
    for (let c = 0; c < d; c++) points.data[i * d + c] = centers.data[a * d + c]! + sigma * shaped[c]!;
  }
  return { spec, centers, labels, points, weights };
}

/** Per-cluster square-root factors Q_a diag(sqrt λ_a) (rows of Q_a are its eigenvectors). */
function anisotropicFactors(rng: Rng, k: number, d: number, lambdaMin: number, lambdaMax: number): Matrix[] {
  const out: Matrix[] = [];
  for (let a = 0; a < k; a++) {
    const q = randomOrthonormalRows(rng, d, d);
    const factor = zeros(d, d);
    for (let j = 0; j < d; j++) {
      const root = Math.sqrt(lambdaMin + (lambdaMax - lambdaMin) * rng.uniform());
      // column j of the factor is root·(eigenvector j)
      for (let c = 0; c < d; c++) factor.data[c * d + j] = root * q.data[j * d + c]!;
    }
    out.push(factor);
  }
  return out;
}

function applyFactor(factor: Matrix, v: Float64Array): Float64Array {
  const d = v.length;
  const out = new Float64Array(d);
  for (let r = 0; r < d; r++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += factor.data[r * d + c]! * v[c]!;
    out[r] = s;
  }
  return out;
}
