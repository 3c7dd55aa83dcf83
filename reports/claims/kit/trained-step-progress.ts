import type { Progress } from './claim-check';

/** One progress bar over the training steps of every model a check trains (B3, C3, D2). */
export class TrainingStepProgress {
  private before = 0;
  constructor(
    private readonly progress: Progress,
    private readonly total: number,
  ) {}

  /** The current model has run `step` steps. */
  at(step: number): void {
    this.progress.tick(this.before + step, this.total);
  }

  /** The current model is done; its planned `steps` count as finished (early stopping included). */
  finished(steps: number): void {
    this.before += steps;
    this.progress.tick(this.before, this.total);
  }
}
