import fc from 'fast-check';
import type { LayerCell } from '../../reports/claims/kit/trained-layer-claim';

/** One case of a trained-layer claim (B3, C3): its cell (k, d, n, Δ/σ at σ = 1, β_cap), heads M and the seed of its stream. */
export interface TrainedLayerCase extends LayerCell {
  readonly heads: number;
  readonly seed: number;
}

/** Closed ranges of a trained-layer case; integer fields draw integers. */
export interface TrainedLayerRanges {
  readonly k: readonly [number, number];
  readonly d: readonly [number, number];
  readonly n: readonly [number, number];
  readonly delta: readonly [number, number];
  readonly betaCap: readonly [number, number];
  readonly heads: readonly [number, number];
}

/** B3/C3 cases within `ranges`; the seed drives the claim's stream (its layers, validation and test instances). */
export function trainedLayerCaseArbitrary(ranges: TrainedLayerRanges): fc.Arbitrary<TrainedLayerCase> {
  if (ranges.n[0] < ranges.k[1]) throw new RangeError(`trainedLayerCaseArbitrary: n (${ranges.n[0]}) must be >= k (${ranges.k[1]})`);
  const integer = ([min, max]: readonly [number, number]) => fc.integer({ min, max });
  const double = ([min, max]: readonly [number, number]) => fc.double({ min, max, noNaN: true });
  return fc.record({
    k: integer(ranges.k),
    d: integer(ranges.d),
    n: integer(ranges.n),
    delta: double(ranges.delta),
    betaCap: double(ranges.betaCap),
    heads: integer(ranges.heads),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
  });
}
