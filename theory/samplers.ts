import type { Rng } from './rng';
import { assertPositive } from './validate';

/** Fills `out` with independent standard normals. */
export function fillStandardNormal(rng: Rng, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = rng.normal();
  return out;
}

/** Gamma(shape, 1), by Marsaglia and Tsang (2000); shape < 1 uses the boost U^{1/shape}. */
export function sampleGamma(rng: Rng, shape: number): number {
  assertPositive('shape', shape);
  if (shape < 1) return sampleGamma(rng, shape + 1) * (rng.uniform() || Number.MIN_VALUE) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** χ²_ν = 2·Gamma(ν/2). */
export function sampleChiSquare(rng: Rng, nu: number): number {
  return 2 * sampleGamma(rng, nu / 2);
}

/**
 * A multivariate-t noise vector with ν > 2 degrees of freedom, scaled to covariance I:
 * ε = sqrt((ν−2)/ν) · Z / sqrt(W/ν), Z ~ N(0, I), W ~ χ²_ν, since Cov(Z/sqrt(W/ν)) = ν/(ν−2)·I.
 */
export function fillUnitCovarianceT(rng: Rng, nu: number, out: Float64Array): Float64Array {
  const w = sampleChiSquare(rng, nu);
  const scale = Math.sqrt((nu - 2) / w);
  for (let i = 0; i < out.length; i++) out[i] = rng.normal() * scale;
  return out;
}
