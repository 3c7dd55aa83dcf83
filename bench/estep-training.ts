import { initBackend } from '../model/backend';
import { EStepTraining, parseEStepExperiment } from '../model/training/estep-experiment';
import { trainLoop } from '../model/training/train-loop';
import { assertInteger } from '../theory/validate';

/** The benchmarked size: B = 32 instances of n = 64 points, k = 4, d = 8, M = 4 heads. */
const BENCH_CONFIG = { k: 4, d: 8, n: 64, heads: 4, batchSize: 32, validationInstances: 4, seed: 1 } as const;

/**
 * Training throughput of the trainable E-step layer (claim B3) with the shared loop: `steps`
 * timed optimiser steps after one untimed warm-up step. Each step draws a fresh batch (sampling
 * and token embedding are timed too), runs forward and backward, clips and applies Adam.
 */
export async function benchEStepTraining(
  steps: number,
): Promise<{ stepsPerSecond: number; peakRssMb: number; backend: string; notes: string }> {
  assertInteger('steps', steps, 1);
  const backend = await initBackend();
  const config = parseEStepExperiment({ ...BENCH_CONFIG, training: { steps: steps + 1, evalEvery: steps + 1, patience: 1 } });
  const problem = new EStepTraining(config);
  let warm = 0;
  let end = 0;
  try {
    trainLoop(problem, config.training, (p) => {
      if (p.step === 1) warm = performance.now();
      if (p.step === p.totalSteps) end = performance.now();
    });
  } finally {
    problem.dispose();
  }
  const seconds = (end - warm) / 1000;
  return {
    stepsPerSecond: steps / seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    backend,
    notes: `E-step layer B=${BENCH_CONFIG.batchSize}, n=${BENCH_CONFIG.n}, k=${BENCH_CONFIG.k}, d=${BENCH_CONFIG.d}, M=${BENCH_CONFIG.heads} (T=${BENCH_CONFIG.n + BENCH_CONFIG.k + 1} tokens, width ${3 * BENCH_CONFIG.d + 2 * BENCH_CONFIG.k + 2}); ${steps} steps in ${seconds.toFixed(2)} s after one warm-up step; the timed span includes batch sampling and one validation on ${BENCH_CONFIG.validationInstances} instances; peak RSS is the process maximum.`,
  };
}
