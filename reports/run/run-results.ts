import type { CheckKind, ClaimId, Provenance } from '../../bounds/registry';
import type { ClaimResult } from '../claims/kit/claim-check';

/** The environment a run happened in, saved beside its results. */
export interface RunEnvironment {
  readonly tvemVersion: string;
  readonly node: string;
  /** Versions of the packages the results depend on. */
  readonly packages: Readonly<Record<string, string>>;
  /** tfjs backend in use ('tensorflow', 'wasm', 'cpu'), or 'none' when no check needed tensors. */
  readonly backend: string;
  readonly gitSha: string;
  readonly cores: number;
  readonly platform: string;
}

/** One claim's row: the registry entry and, when implemented, its check's result. */
export interface ClaimRecord {
  readonly id: ClaimId;
  readonly title: string;
  readonly statement: string;
  readonly provenance: Provenance;
  readonly kind: CheckKind;
  /** 'implemented' with a result, or 'not implemented' / 'not selected' without one. */
  readonly status: 'implemented' | 'not implemented' | 'not selected' | 'error';
  readonly result?: ClaimResult;
  /** The error message when the check itself failed (status 'error'). */
  readonly error?: string;
  /** The tfjs backend the check ran on, for checks that use tensors. */
  readonly backend?: string;
  /** Wall time of the check in seconds. */
  readonly seconds?: number;
  /** The command that replays this claim alone. */
  readonly replay: string;
}

/** results.json (schema: reports/results.schema.json). */
export interface RunResults {
  readonly schemaVersion: 1;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly seed: number;
  readonly quick: boolean;
  readonly environment: RunEnvironment;
  readonly claims: readonly ClaimRecord[];
}
