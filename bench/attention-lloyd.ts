import { runAttentionLloyd } from '../model/attention-lloyd';
import { backendName, initBackend } from '../model/backend';
import { hardEStep } from '../theory/estep';
import { perturbedTruth } from '../theory/init';
import { sampleInstance } from '../theory/mixture';
import { hardMStep } from '../theory/mstep';
import { Rng } from '../theory/rng';
import { assertInteger } from '../theory/validate';

const N = 1000;
const D = 10;
const K = 5;
const ITERATIONS = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Forward time of the T = 10 attention-Lloyd (claim E1's construction) at n = 1000, d = 10,
 * k = 5, beside 10 float64 theory Lloyd iterations on the same instance, in the same run:
 * one warm-up of each, then `repeats` rounds alternating which side goes first; medians in ms.
 */
export async function benchAttentionLloyd(
  repeats: number,
): Promise<{ name: string; ours: number; reference: number; ratio: number; unit: string; notes: string }> {
  assertInteger('repeats', repeats, 1);
  await initBackend();
  const rng = new Rng(20250211);
  const instance = sampleInstance({ k: K, d: D, n: N, delta: 8, sigma: 1, layout: 'simplex', variant: { kind: 'isotropic' } }, rng);
  const init = perturbedTruth(instance.centers, 0.3, rng);
  const attention = async (): Promise<number> => {
    const start = performance.now();
    await runAttentionLloyd(instance.points, init, { iterations: ITERATIONS });
    return performance.now() - start;
  };
  // Exactly T (E, M) iterations and a final E-step, as the network does; theory lloyd() would stop
  // early at a fixed point.
  const reference = (): number => {
    const start = performance.now();
    let centers = init;
    for (let t = 0; t < ITERATIONS; t++) centers = hardMStep(instance.points, hardEStep(instance.points, centers), centers).centers;
    hardEStep(instance.points, centers);
    return performance.now() - start;
  };
  await attention();
  reference();
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    if (r % 2 === 0) {
      ours.push(await attention());
      theirs.push(reference());
    } else {
      theirs.push(reference());
      ours.push(await attention());
    }
  }
  const oursMedian = median(ours);
  const referenceMedian = Math.max(median(theirs), 1e-6);
  return {
    name: `attention-Lloyd T=${ITERATIONS}, n=${N}, d=${D}, k=${K}`,
    ours: oursMedian,
    reference: referenceMedian,
    ratio: oursMedian / referenceMedian,
    unit: 'ms',
    notes: `tfjs ${backendName()} float32, ${3 * ITERATIONS + 2} layers over ${N + K + 1} tokens (dense (n+k+1)² attention), including read-back and the per-step margin diagnostics; reference: float64 theory hard E- and M-steps, exactly ${ITERATIONS} iterations plus a final E-step; medians of ${repeats}`,
  };
}
