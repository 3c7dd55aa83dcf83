/** A claim's wall time as results.json records it: in seconds (to the millisecond), split into training and evaluation. */
export interface ClaimTimes {
  readonly seconds: number;
  readonly trainingSeconds: number;
  readonly evaluationSeconds: number;
}

/** The record's times from a check's wall time and the part of it spent training (reports/claims/kit/training-time.ts). */
export function claimTimes(wallMilliseconds: number, trainingMilliseconds: number): ClaimTimes {
  const seconds = Math.round(wallMilliseconds) / 1000;
  const trainingSeconds = Math.min(seconds, Math.round(trainingMilliseconds) / 1000);
  return { seconds, trainingSeconds, evaluationSeconds: Math.round((seconds - trainingSeconds) * 1000) / 1000 };
}
