import type { Rng } from '../../theory/rng';
import type { ClusterOutput } from './cluster-reference';
import type { ClusterInput } from './instance-json';

/**
 * One `tvem cluster` method, opened once per process (its backend and checkpoint loaded) and then
 * run on each instance of the input with that instance's random stream.
 */
export interface Clusterer {
  cluster(input: ClusterInput, rng: Rng): Promise<ClusterOutput> | ClusterOutput;
  /** Frees what opening took (the transformer's weights). */
  close(): void;
}
