/** Median wall seconds of `steps` calls of `step`, after one untimed warm-up call. */
export function medianStepSeconds(steps: number, step: () => unknown): number {
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`steps must be an integer >= 1, got ${steps}`);
  step();
  const seconds: number[] = [];
  for (let s = 0; s < steps; s++) {
    const start = performance.now();
    step();
    seconds.push((performance.now() - start) / 1000);
  }
  seconds.sort((a, b) => a - b);
  const mid = seconds.length >> 1;
  return seconds.length % 2 === 1 ? seconds[mid]! : (seconds[mid - 1]! + seconds[mid]!) / 2;
}
