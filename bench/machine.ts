import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';

/** The machine a bench ran on, so that its ratios can be read in context. */
export interface Machine {
  /** Logical CPUs available to this process (what `nproc` prints). */
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
}

export function describeMachine(): Machine {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
  };
}
