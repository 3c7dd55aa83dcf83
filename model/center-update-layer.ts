import type { FeedForwardWeights } from './feed-forward';
import type { TokenLayout } from './token-layout';
import { type WeightEntry, weightMatrix } from './weight-matrix';

/**
 * The fully connected sublayer closing each Lloyd step (claim E1; see TokenLayout for slots):
 * - center ← next and next ← 0, by ReLU units (x = relu(x) − relu(−x), exact);
 * - sqNorm ← ‖next‖², by d square units and one ReLU unit clearing the old value (sqNorm ≥ 0);
 * - resp ← 0, by k ReLU units (responsibilities are ≥ 0), ready for the next E-step.
 * On data and null tokens center, next and sqNorm are 0, so only resp changes there. Run first on
 * the input, it moves the initial centers from `next` into place and computes their norms.
 */
export function centerUpdateWeights(layout: TokenLayout): FeedForwardWeights {
  const { d, k, width } = layout;
  // ReLU units: 4d for the center copy (±next, ±center), 1 for sqNorm, k for resp.
  const reluUnits = 4 * d + 1 + k;
  const reluIn: WeightEntry[] = [];
  const reluOut: WeightEntry[] = [];
  for (let c = 0; c < d; c++) {
    const units = [4 * c, 4 * c + 1, 4 * c + 2, 4 * c + 3] as const;
    reluIn.push(
      [layout.next + c, units[0], 1],
      [layout.next + c, units[1], -1],
      [layout.center + c, units[2], 1],
      [layout.center + c, units[3], -1],
    );
    // center += next − center; next −= next
    reluOut.push(
      [units[0], layout.center + c, 1],
      [units[1], layout.center + c, -1],
      [units[2], layout.center + c, -1],
      [units[3], layout.center + c, 1],
    );
    reluOut.push([units[0], layout.next + c, -1], [units[1], layout.next + c, 1]);
  }
  reluIn.push([layout.sqNorm, 4 * d, 1]);
  reluOut.push([4 * d, layout.sqNorm, -1]);
  for (let a = 0; a < k; a++) {
    reluIn.push([layout.resp + a, 4 * d + 1 + a, 1]);
    reluOut.push([4 * d + 1 + a, layout.resp + a, -1]);
  }
  const squareIn: WeightEntry[] = [];
  const squareOut: WeightEntry[] = [];
  for (let c = 0; c < d; c++) {
    squareIn.push([layout.next + c, c, 1]);
    squareOut.push([c, layout.sqNorm, 1]);
  }
  return {
    groups: [
      { activation: 'relu', in: weightMatrix(width, reluUnits, reluIn), out: weightMatrix(reluUnits, width, reluOut) },
      { activation: 'square', in: weightMatrix(width, d, squareIn), out: weightMatrix(d, width, squareOut) },
    ],
  };
}
