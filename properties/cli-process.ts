import { spawn, spawnSync } from 'node:child_process';
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

/**
 * Runs `tvem <left> | tvem <right>`: two child processes, the left's stdout piped into the right's
 * stdin while both run, as a shell pipeline would. Resolves when both have exited.
 */
export function runTvemPipeline(
  left: readonly string[],
  right: readonly string[],
  timeoutMs = 120_000,
): Promise<{ readonly left: CliOutcome; readonly right: CliOutcome }> {
  const spawnTvem = (args: readonly string[]) =>
    spawn(process.execPath, [TVEM, ...args], { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
  const producer = spawnTvem(left);
  const consumer = spawnTvem(right);
  producer.stdin.end();
  // The consumer may exit before reading everything (a bad line): the producer then gets EPIPE, as in a shell.
  consumer.stdin.on('error', () => {});
  const collect = (child: ReturnType<typeof spawnTvem>, tee?: NodeJS.WritableStream) =>
    new Promise<CliOutcome>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
      });
      if (tee) child.stdout.pipe(tee);
      child.stderr.on('data', (chunk: string) => {
        stderr += chunk;
      });
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  return Promise.all([collect(producer, consumer.stdin), collect(consumer)]).then(([l, r]) => ({ left: l, right: r }));
}
