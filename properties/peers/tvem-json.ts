import type { ClusterOutput } from '../../reports/cli/cluster-reference';
import type { InstanceJson } from '../../reports/cli/instance-json';
import { runTvem } from '../cli-process';

/** The instance JSON of `tvem sample`. */
export type SampledInstance = InstanceJson;

/** The JSON of `tvem cluster`, with EM's fitted variances and weights. */
export type ClusterJson = ClusterOutput & { readonly variances?: number[]; readonly weights?: number[] };

type Flags = Record<string, string | number>;

function asArgs(flags: Flags): string[] {
  return Object.entries(flags).flatMap(([flag, value]) => [`--${flag}`, String(value)]);
}

function runJson(args: readonly string[], input?: string): unknown {
  const outcome = runTvem(args, input);
  if (outcome.status !== 0) throw new Error(`tvem ${args.join(' ')} exited with ${outcome.status}: ${outcome.stderr.trim()}`);
  return JSON.parse(outcome.stdout);
}

/** `tvem sample`, e.g. sample({ k: 3, d: 2, n: 500, delta: 3, seed: 1 }). */
export function sample(flags: Flags): SampledInstance {
  return runJson(['sample', ...asArgs(flags)]) as SampledInstance;
}

/** `tvem cluster` on an instance, e.g. cluster(instance, { method: 'lloyd', init: 'kmeans++', seed: 2 }). */
export function cluster(instance: SampledInstance, flags: Flags): ClusterJson {
  return runJson(['cluster', ...asArgs(flags), '--input', '-'], JSON.stringify(instance)) as ClusterJson;
}
