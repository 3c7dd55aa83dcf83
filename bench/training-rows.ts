import type { BenchRow } from './bench-row';
import { benchEStepTraining } from './estep-training';

/**
 * Issue 4's figures: training steps per second of the E-step layer (B = 32, n = 64, k = 4, d = 8,
 * M = 4) and the peak RSS of the process. They have no peer, so no ratio.
 */
export async function eStepTrainingRows(steps: number): Promise<BenchRow[]> {
  const result = await benchEStepTraining(steps);
  const base = { reference: null, ratio: null, notes: `${result.backend}: ${result.notes}` };
  return [
    { name: 'E-step layer training', ours: result.stepsPerSecond, unit: 'steps/s', ...base },
    { name: 'E-step layer training peak RSS', ours: result.peakRssMb, unit: 'MB', ...base },
  ];
}
