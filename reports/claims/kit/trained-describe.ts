import type { LoopConfig } from '../../../model/training/loop-config';

/**
 * The optimiser settings of the configs actually trained (claims B3, C3, D2), each distinct value
 * listed once, so the report text cannot drift from the configs.
 */
export function describeTraining<Config extends { readonly batchSize: number; readonly training: LoopConfig }>(
  configs: readonly Config[],
  batchUnit: string,
  validation: (c: Config) => string,
): string {
  const values = <T>(pick: (c: Config) => T): string => [...new Set(configs.map(pick))].join(' / ');
  return (
    `Adam, linear warm-up over ${values((c) => c.training.warmupSteps)} steps then cosine decay from ${values((c) => c.training.learningRate)} to ${values((c) => c.training.finalLearningRateRatio)}× the peak, ` +
    `gradient clipping at global norm ${values((c) => c.training.clipNorm)}, fresh batches of ${values((c) => c.batchSize)} ${batchUnit}, up to ${values((c) => c.training.steps)} steps, ` +
    `early stopping (evaluation every ${values((c) => c.training.evalEvery)} steps, patience ${values((c) => c.training.patience)}) on ${values(validation)}`
  );
}
