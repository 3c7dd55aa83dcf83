import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { writeFileAtomic } from '../model/atomic-file';
import { PROJECT_ROOT } from '../model/training/package-versions';
import { attentionRow } from './attention-row';
import { writeBenchDataset } from './bench-dataset';
import { benchMarkdown } from './bench-markdown';
import type { BenchRow } from './bench-row';
import type { KernelProfile } from './kernel-profile';
import { describeMachine, type Machine } from './machine';
import { peerVersion, SCIKIT_LEARN } from './peers';
import { ratioTable } from './ratio-table';
import { readRunBudget } from './run-budget';
import { compareWithScikitLearn } from './sklearn-comparison';
import { eStepTrainingRows } from './training-rows';
import { compareTrainingStepWithPyTorch } from './training-step-comparison';

export interface BenchOptions {
  /** Where bench.json goes; default reports/out/bench.json. */
  readonly out?: string;
  /** Timed repeats per figure (medians are reported); default 7, or 3 with quick. */
  readonly repeats?: number;
  /** Only n = 1e4, for a smoke run. */
  readonly quick?: boolean;
  /** A `tvem reproduce` results.json whose time budget and peak RSS bench.md shows. */
  readonly budget?: string;
}

/** bench.json: every figure is a ratio of two sides measured in the same run. */
export interface BenchReport {
  readonly createdAt: string;
  readonly quick: boolean;
  readonly repeats: number;
  readonly sizes: readonly number[];
  readonly seed: number;
  readonly machine: Machine;
  /** scikit-learn's version (null when not installed) and, when it ran, its Python, numpy and thread pools. */
  readonly peers: { readonly scikitLearn: string | null; readonly scikitLearnRuntime?: Record<string, unknown> };
  readonly rows: readonly BenchRow[];
  /** tf.profile of one clustering-transformer training step: its backend and top kernels by kernelMs. */
  readonly trainingStepProfile: KernelProfile;
}

export const DEFAULT_BENCH_OUT = join(PROJECT_ROOT, 'reports', 'out', 'bench.json');
const BENCH_SEED = 20250209;

/** `tvem bench` (issue #7): times theory/ against its peers, writes bench.json and bench.md and prints the ratio table. */
export async function runBench(options: BenchOptions = {}): Promise<BenchReport> {
  const quick = options.quick ?? false;
  const repeats = options.repeats ?? (quick ? 3 : 7);
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`repeats must be an integer >= 1, got ${repeats}`);
  const budget = options.budget === undefined ? undefined : readRunBudget(options.budget);
  const sizes = quick ? [10_000] : [10_000, 100_000];
  const folder = mkdtempSync(join(tmpdir(), 'tvem-bench-'));
  const rows: BenchRow[] = [];
  let scikitLearnRuntime: Record<string, unknown> | undefined;
  try {
    for (const n of sizes) {
      const comparison = await compareWithScikitLearn(writeBenchDataset(folder, n, BENCH_SEED), repeats);
      rows.push(...comparison.rows);
      scikitLearnRuntime = comparison.scikitLearn ?? scikitLearnRuntime;
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  rows.push(await attentionRow(repeats));
  rows.push(...(await eStepTrainingRows(quick ? 10 : 40)));
  const trainingStep = await compareTrainingStepWithPyTorch(repeats, quick ? 10 : 30);
  rows.push(...trainingStep.rows);
  const report: BenchReport = {
    createdAt: new Date().toISOString(),
    quick,
    repeats,
    sizes,
    seed: BENCH_SEED,
    machine: describeMachine(),
    peers: { scikitLearn: peerVersion(SCIKIT_LEARN) ?? null, ...(scikitLearnRuntime ? { scikitLearnRuntime } : {}) },
    rows,
    trainingStepProfile: trainingStep.profile,
  };
  const out = options.out ?? DEFAULT_BENCH_OUT;
  const beside = join(dirname(out), `${basename(out, extname(out))}.md`);
  const markdown = beside === out ? `${out}.md` : beside; // bench.md beside bench.json
  writeFileAtomic(out, `${JSON.stringify(report, null, 2)}\n`);
  writeFileAtomic(markdown, benchMarkdown(rows, { ...report, ...(budget ? { budget } : {}) }));
  process.stdout.write(`${ratioTable(rows)}wrote ${out} and ${markdown}\n`);
  return report;
}
