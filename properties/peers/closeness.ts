/**
 * Largest entry-wise |ours − reference| divided by the largest |reference| entry: a relative
 * error on the scale of the whole array, so that entries near zero do not blow it up.
 */
export function relativeDifference(ours: readonly number[], reference: readonly number[]): number {
  if (ours.length !== reference.length) throw new Error(`lengths differ: ours ${ours.length}, reference ${reference.length}`);
  let difference = 0;
  let scale = 0;
  for (let i = 0; i < ours.length; i++) {
    difference = Math.max(difference, Math.abs(ours[i]! - reference[i]!));
    scale = Math.max(scale, Math.abs(reference[i]!));
  }
  return scale > 0 ? difference / scale : difference;
}

/** Fails with the case and both arrays' worst entry when they differ by more than `tolerance` relative. */
export function expectClose(what: string, ours: readonly number[], reference: readonly number[], tolerance: number): void {
  const relative = relativeDifference(ours, reference);
  if (!(relative <= tolerance)) {
    let worst = 0;
    ours.forEach((x, i) => {
      if (Math.abs(x - reference[i]!) > Math.abs(ours[worst]! - reference[worst]!)) worst = i;
    });
    throw new Error(
      `${what}: relative difference ${relative.toExponential(2)} > ${tolerance} (entry ${worst}: ours ${ours[worst]}, reference ${reference[worst]})`,
    );
  }
}
