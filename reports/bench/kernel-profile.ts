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
  /** Sum of kernelMs over every launch; the rest of wallMs is JavaScript (op dispatch, autodiff tape, batch sampling). */
  readonly kernelMs: number;
  readonly launches: number;
  /** The `top` kernels with the largest summed kernelMs, largest first. */
  readonly top: readonly KernelTime[];
}

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
  const kernels = [...byKernel].map(([kernel, t]) => ({ kernel, ...t })).sort((a, b) => b.ms - a.ms);
  return {
    backend: tf.getBackend(),
    wallMs,
    kernelMs: kernels.reduce((sum, k) => sum + k.ms, 0),
    launches: info.kernels.length,
    top: kernels.slice(0, top),
  };
}

/** "BatchMatMul 4.1 ms (38 %, 60 launches), …" for a row's notes. */
export function describeKernels(profile: KernelProfile): string {
  const kernels = profile.top.map((k) => `${k.kernel} ${k.ms.toFixed(2)} ms (${((100 * k.ms) / profile.kernelMs).toFixed(0)} %, ${k.launches}×)`).join(', ');
  return `tf.profile of one step on ${profile.backend}: ${profile.launches} kernel launches, kernelMs sum ${profile.kernelMs.toFixed(1)} ms of ${profile.wallMs.toFixed(1)} ms wall; top kernels ${kernels}`;
}
