/**
 * The wall time this process has spent training models (issue 15's time budget): pre-training in
 * worker processes, training in-process, and loading a cached checkpoint (the cost a cached model
 * saves). The kit's training calls run inside `timeTraining`; `tvem reproduce` reads the total
 * before and after each claim (reports/run/run-claims.ts) and records the difference as the
 * claim's training seconds. Calls are not nested.
 */
let trainingMilliseconds = 0;

/** Runs `train`, counting its wall time as training time. */
export function timeTraining<T>(train: () => T): T {
  const started = performance.now();
  try {
    return train();
  } finally {
    trainingMilliseconds += performance.now() - started;
  }
}

/** `timeTraining` for a training that runs asynchronously (the pre-training worker processes). */
export async function timeTrainingAsync<T>(train: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await train();
  } finally {
    trainingMilliseconds += performance.now() - started;
  }
}

/** The training time of this process so far, in milliseconds. */
export function trainingMillisecondsSoFar(): number {
  return trainingMilliseconds;
}
