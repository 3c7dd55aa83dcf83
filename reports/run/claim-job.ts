import type { ClaimId } from '../../bounds/registry';
import { measuringPeakRss } from './peak-rss';
import { backendFor, runClaim } from './run-claims';
import type { RunConfig } from './run-config';
import type { ClaimRecord, PeakRss } from './run-results';

/** Parent → job: run one claim, or finish. */
export type ToJob = { readonly type: 'run'; readonly id: ClaimId; readonly config: RunConfig } | { readonly type: 'stop' };

/** Job → parent: a claim's record, the job's peak RSS as it finishes, or a failure outside any check. */
export type FromJob =
  | { readonly type: 'finished'; readonly record: ClaimRecord }
  | { readonly type: 'stopped'; readonly peakRss: PeakRss }
  | { readonly type: 'failed'; readonly message: string };

function send(message: FromJob, then?: () => void): void {
  process.send!(message, undefined, {}, then);
}

/**
 * The job side of `tvem reproduce --jobs` (claim-jobs.ts): runs one claim at a time with runClaim,
 * exactly as a sequential run does, and sends back its record; on `stop`, its peak RSS (and its
 * pre-training workers'). Exits when the parent disconnects.
 */
export function serveClaimJobs(): void {
  if (!process.send) throw new Error('claim-job must be started with child_process.fork');
  process.on('disconnect', () => process.exit(0));
  // Stopped by a signal (the parent's SIGTERM, Ctrl-C), the exit handlers still run: the peak-RSS folder goes, the workers stop.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)
    process.once(signal, () => process.exit(code));
  let stop = () => {};
  const serving = measuringPeakRss(
    () =>
      new Promise<void>((resolve) => {
        stop = resolve;
      }),
  );
  process.on('message', (message: ToJob) => {
    if (message.type === 'stop') stop();
    else void run(message.id, message.config).catch((error: unknown) => send({ type: 'failed', message: errorText(error) }));
  });
  void serving.then(
    (peakRss) => send({ type: 'stopped', peakRss }, () => process.disconnect()),
    (error: unknown) => send({ type: 'failed', message: errorText(error) }),
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function run(id: ClaimId, config: RunConfig): Promise<void> {
  const backend = await backendFor([id], config);
  send({ type: 'finished', record: await runClaim(id, config, backend) });
}
