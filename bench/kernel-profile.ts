import * as tf from '@tensorflow/tfjs';

/** One tfjs kernel's share of a profiled call: all its launches, forward and backward. */
export interface KernelTime {
  readonly kernel: string;
  readonly launches: number;
  /** Sum of tf.profile's kernelMs over the launches. */
  readonly ms: number;
}

/** What tf.profile says about one call: its kernels by time, and how much of the call they cover. */
export interface KernelProfile {
  readonly backend: string;
  /** Wall time of the profiled call. */
  readonly wallMs: number;
  /** Sum of kernelMs over every kernel launch; the rest of wallMs is JavaScript (op dispatch, autodiff tape, batch sampling). */
  readonly kernelMs: number;
  /** Kernel launches, not counting custom ops. */
  readonly launches: number;
  /**
   * tf.customGrad ops (tf.profile's "unnamed scope"): the fused attention, layer norm and matMuls
   * with untransposed gradients. Their time includes the kernels they launch, which are counted
   * in kernelMs too, so it is reported apart.
   */
  readonly customOps: { readonly launches: number; readonly ms: number };
  /** The `top` kernels with the largest summed kernelMs, largest first. */
  readonly top: readonly KernelTime[];
}

/** tf.profile's name for a tf.customGrad op. */
const CUSTOM_OP = 'unnamed scope';

/** Runs `call` once under tf.profile and sums kernelMs per kernel name. */
export async function profileKernels(call: () => tf.TensorContainer, top = 6): Promise<KernelProfile> {
  const started = performance.now();
  const info = await tf.profile(call);
  const wallMs = performance.now() - started;
  const byKernel = new Map<string, { launches: number; ms: number }>();
  for (const launch of info.kernels) {
    const ms = typeof launch.kernelTimeMs === 'number' ? launch.kernelTimeMs : 0;
    const entry = byKernel.get(launch.name) ?? { launches: 0, ms: 0 };
    byKernel.set(launch.name, { launches: entry.launches + 1, ms: entry.ms + ms });
  }
  const customOps = byKernel.get(CUSTOM_OP) ?? { launches: 0, ms: 0 };
  byKernel.delete(CUSTOM_OP);
  const kernels = [...byKernel].map(([kernel, t]) => ({ kernel, ...t })).sort((a, b) => b.ms - a.ms);
  return {
    backend: tf.getBackend(),
    wallMs,
    kernelMs: kernels.reduce((sum, k) => sum + k.ms, 0),
    launches: kernels.reduce((sum, k) => sum + k.launches, 0),
    customOps,
    top: kernels.slice(0, top),
  };
}

/** "BatchMatMul 4.1 ms (38 %, 60 launches), …" for a row's notes. */
export function describeKernels(profile: KernelProfile): string {
  const kernels = profile.top
    .map((k) => `${k.kernel} ${k.ms.toFixed(2)} ms (${((100 * k.ms) / profile.kernelMs).toFixed(0)} %, ${k.launches}×)`)
    .join(', ');
  const custom = profile.customOps;
  return `tf.profile of one step on ${profile.backend}: ${profile.launches} kernel launches, kernelMs sum ${profile.kernelMs.toFixed(1)} ms of ${profile.wallMs.toFixed(1)} ms wall; ${custom.launches} custom-gradient ops (fused attention, layer norm, matMuls) took ${custom.ms.toFixed(1)} ms including the kernels they launch; top kernels ${kernels}`;
}
