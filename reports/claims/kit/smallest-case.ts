/**
 * Keeps the smallest failing case seen by a check (CLAIMS.md §4: the report shows the smallest
 * counterexample), ordered by a size measure such as n·k·d.
 */
export class SmallestCase<T> {
  private best: { size: number; value: T } | undefined;
  count = 0;

  offer(size: number, value: T): void {
    this.count++;
    if (!this.best || size < this.best.size) this.best = { size, value };
  }

  get value(): T | undefined {
    return this.best?.value;
  }
}
