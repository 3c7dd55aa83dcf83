import { Presets, SingleBar } from 'cli-progress';
import type { Progress } from '../claims/kit/claim-check';

/**
 * Progress for one claim: a bar with an ETA on a TTY, otherwise a plain line at most every
 * `intervalSeconds` (and at the end), all on stderr so stdout stays machine-readable.
 */
export function claimProgress(label: string, intervalSeconds = 10): Progress & { stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      { format: `${label} [{bar}] {percentage}% | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true },
      Presets.shades_classic,
    );
    let started = false;
    return {
      tick(done, total) {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else {
          bar.setTotal(total);
          bar.update(done);
        }
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let last = 0;
  return {
    tick(done, total) {
      const now = Date.now();
      if (done === total || now - last >= intervalSeconds * 1000) {
        last = now;
        process.stderr.write(`${label}: ${done}/${total}\n`);
      }
    },
    stop() {},
  };
}
