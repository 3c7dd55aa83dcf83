import type { LoopConfig } from './loop-config';

/**
 * The learning rate at `step` (0-based): linear warm-up to the peak over `warmupSteps`, then a
 * cosine decay from the peak to `finalLearningRateRatio`·peak at the last step.
 */
export function learningRateAt(step: number, config: LoopConfig): number {
  const { learningRate: peak, warmupSteps, steps, finalLearningRateRatio: floor } = config;
  if (step < warmupSteps) return (peak * (step + 1)) / warmupSteps;
  const decaySteps = Math.max(1, steps - warmupSteps - 1);
  const progress = Math.min(1, (step - warmupSteps) / decaySteps);
  return peak * (floor + ((1 - floor) * (1 + Math.cos(Math.PI * progress))) / 2);
}
