import { join } from 'node:path';
import { type KernelExports, layOut, loadKernel } from '../../theory/wasm/wasm-kernel';

/** The exports of layer-norm.wasm (built from layer-norm.as.ts by `npm run build:wasm`). */
interface LayerNormExports extends KernelExports {
  forward(rows: number, width: number, epsilon: number, x: number, gain: number, bias: number, y: number, stats: number): void;
  backward(rows: number, width: number, x: number, gain: number, stats: number, dy: number, dx: number, dGain: number, dBias: number): void;
}

let kernel: LayerNormExports | undefined;

function instance(): LayerNormExports {
  kernel ??= loadKernel<LayerNormExports>(join(__dirname, 'layer-norm.wasm'));
  return kernel;
}

/** Copies each array into a fresh layout of the kernel's memory and returns views of `outputs` more float32 arrays after them. */
function stage(
  exports: LayerNormExports,
  inputs: readonly Float32Array[],
  outputs: readonly number[],
  rows: number,
  width: number,
): { offsets: number[]; views: Float32Array[] } {
  const lengths = [...inputs.map((a) => a.length), ...outputs];
  const offsets = layOut(
    exports,
    lengths.map((l) => 4 * l),
    `layer norm of ${rows} rows × ${width}`,
  );
  const views = lengths.map((l, j) => new Float32Array(exports.memory.buffer, offsets[j]!, l));
  inputs.forEach((a, j) => views[j]!.set(a));
  return { offsets, views };
}

/** y and the per-row (mean, 1/sqrt(var + ε)) of layer norm over rows of `width` (layout in layer-norm.as.ts). */
export function layerNormForward(
  x: Float32Array,
  gain: Float32Array,
  bias: Float32Array,
  epsilon: number,
): { y: Float32Array; stats: Float32Array } {
  const exports = instance();
  const width = gain.length;
  const rows = x.length / width;
  const { offsets, views } = stage(exports, [x, gain, bias], [x.length, 2 * rows], rows, width);
  const [xAt, gainAt, biasAt, yAt, statsAt] = offsets as [number, number, number, number, number];
  exports.forward(rows, width, epsilon, xAt, gainAt, biasAt, yAt, statsAt);
  return { y: views[3]!.slice(), stats: views[4]!.slice() };
}

/** ∂x, ∂γ and ∂β of layer norm from ∂y and the forward's x, γ and stats. */
export function layerNormBackward(
  x: Float32Array,
  gain: Float32Array,
  stats: Float32Array,
  dy: Float32Array,
): { dx: Float32Array; dGain: Float32Array; dBias: Float32Array } {
  const exports = instance();
  const width = gain.length;
  const rows = x.length / width;
  const { offsets, views } = stage(exports, [x, gain, stats, dy], [x.length, width, width], rows, width);
  const [xAt, gainAt, statsAt, dyAt, dxAt, dGainAt, dBiasAt] = offsets as [number, number, number, number, number, number, number];
  exports.backward(rows, width, xAt, gainAt, statsAt, dyAt, dxAt, dGainAt, dBiasAt);
  return { dx: views[4]!.slice(), dGain: views[5]!.slice(), dBias: views[6]!.slice() };
}
