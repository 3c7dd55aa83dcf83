import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const TVEM = join(__dirname, '..', 'bin', 'tvem.cjs');

export interface CliOutcome {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the `tvem` CLI in a child process, as a user would. */
export function runTvem(args: readonly string[], input?: string, timeoutMs = 120_000): CliOutcome {
  const result = spawnSync(process.execPath, [TVEM, ...args], {
    input,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
