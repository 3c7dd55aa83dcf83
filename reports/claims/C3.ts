import { c2MStepBound } from '../../bounds/c2-mstep-temperature';
import { bonferroni } from '../../bounds/repetitions';
import { compareWithConstruction, meanSlack, type ConstructionComparison } from '../../bounds/training-slack';
import type { Instance } from '../../theory/mixture';
import { initBackend } from '../../model/backend';
import { trainWithCheckpoint } from '../../model/training/cached-training';
import { MStepTraining, parseMStepExperiment, type MStepExperiment } from '../../model/training/mstep-experiment';
import { mixtureSpecOf } from '../../model/training/mixture-config';
import { sampleInstances } from '../../model/training/mixture-batches';
import type { ClaimCheck, Plot } from '../claim-check';

/** SPEC §4: probability that C3 reports `violated` although the claim holds (split over the tests). */
const FAILURE_PROBABILITY = 1e-3;
/** Pointwise miscoverage of the plotted bands (two-sided). */
const BAND_ALPHA = 0.05;
/** The relative M-step error ‖out_a − mean_a‖ / max_i ‖X_i − mean_a‖ lies in [0, 1]. */
const ERROR_WIDTH = 1;
const HEADS = [1, 2, 4, 8] as const;

interface Cell {
  readonly k: number;
  readonly d: number;
  readonly n: number;
  readonly delta: number;
  readonly betaCap: number;
}

function cells(quick: boolean): Cell[] {
  const base: Cell = { k: 3, d: 2, n: 32, delta: 4, betaCap: 3 };
  return quick ? [base] : [base, { k: 4, d: 3, n: 48, delta: 5, betaCap: 2 }];
}

function experiment(cell: Cell, heads: number, seed: number, quick: boolean): MStepExperiment {
  return parseMStepExperiment({
    ...cell,
    sigma: 1,
    layout: 'random',
    heads,
    seed,
    training: { steps: quick ? 400 : 1500, learningRate: 0.05, warmupSteps: 20, evalEvery: 25, patience: quick ? 8 : 16 },
  });
}

/** ε_construct per instance: C2's bound at β_cap relative to max_i ‖X_i − mean_a‖, averaged over the clusters. */
function constructionBound(instance: Instance, betaCap: number): number {
  const { n, k } = instance.spec;
  const sizes = new Array<number>(k).fill(0);
  for (const a of instance.labels) sizes[a] = sizes[a]! + 1;
  return sizes.reduce((total, size) => total + c2MStepBound(n, size, betaCap, 1), 0) / k;
}

interface HeadsOutcome {
  readonly heads: number;
  readonly comparison: ConstructionComparison;
  readonly band: number;
  readonly source: string;
  readonly stepsRun: number;
  readonly configHash: string;
  readonly seed: number;
  readonly rejectedCheckpoint?: string;
}

interface CellOutcome {
  readonly cell: Cell;
  readonly heldOut: number;
  readonly constructionActual: number;
  readonly heads: HeadsOutcome[];
}

const mean = (values: ArrayLike<number>): number => Array.from(values).reduce((s, x) => s + x, 0) / values.length;

/**
 * C3: trained M-step layers with M heads against ε_construct, C2's bound for the hand-set hard
 * M-step head at the same temperature cap, on fresh held-out instances (paired per instance).
 */
export const check: ClaimCheck = {
  id: 'C3',
  async run({ rng, quick, progress }) {
    const backend = await initBackend();
    const grid = cells(quick);
    const heldOut = quick ? 8000 : 20_000;
    const alpha = bonferroni(FAILURE_PROBABILITY, grid.length * HEADS.length);
    const configs = grid.map((cell, c) => HEADS.map((heads) => experiment(cell, heads, rng.split(16 * c + heads).seed, quick)));
    const totalSteps = configs.flat().reduce((s, e) => s + e.training.steps, 0);
    let stepsBefore = 0;
    const outcomes: CellOutcome[] = [];
    for (const [c, cell] of grid.entries()) {
      const first = configs[c]![0]!;
      const instances = sampleInstances(mixtureSpecOf(first), heldOut, rng.split(1000 + c));
      const bounds = instances.map((instance) => constructionBound(instance, cell.betaCap));
      const construction = new MStepTraining({ ...first, heads: 1 });
      construction.layer.setToConstruction();
      const constructionActual = mean(construction.heldOutErrors(instances));
      construction.dispose();
      const heads: HeadsOutcome[] = [];
      for (const config of configs[c]!) {
        const problem = new MStepTraining(config);
        try {
          const trained = trainWithCheckpoint({
            kind: 'mstep',
            config,
            seed: config.seed,
            problem,
            loop: config.training,
            onProgress: (p) => progress.tick(stepsBefore + p.step, totalSteps),
          });
          stepsBefore += config.training.steps;
          progress.tick(stepsBefore, totalSteps);
          const errors = Array.from(problem.heldOutErrors(instances));
          heads.push({
            heads: config.heads,
            comparison: compareWithConstruction(errors, bounds, ERROR_WIDTH, alpha),
            band: meanSlack(errors, BAND_ALPHA / 2, ERROR_WIDTH).slack,
            source: trained.source,
            stepsRun: trained.outcome.stepsRun,
            configHash: trained.configHash.slice(0, 24),
            seed: config.seed,
            ...(trained.rejectedCheckpoint ? { rejectedCheckpoint: trained.rejectedCheckpoint } : {}),
          });
        } finally {
          problem.dispose();
        }
      }
      outcomes.push({ cell, heldOut, constructionActual, heads });
    }

    const all = outcomes.flatMap((o) => o.heads.map((h) => ({ cell: o.cell, ...h })));
    const violations = all.filter((h) => h.comparison.exceeds);
    const unresolved = all.filter((h) => !h.comparison.resolved);
    const verdict = violations.length > 0 ? 'violated' : unresolved.length > 0 ? 'inconclusive' : 'holds';
    const smallest = violations.sort((a, b) => a.cell.k * a.cell.d * a.heads - b.cell.k * b.cell.d * b.heads)[0];
    const worst = all.reduce((w, h) => Math.max(w, h.comparison.trainedMean - h.comparison.constructMean - h.comparison.slack), -Infinity);
    const numbers: Record<string, number | string> = { testAlpha: alpha, heldOutInstances: heldOut, backend, worstExcessOverSlack: worst };
    for (const o of outcomes) {
      const tag = `k${o.cell.k}d${o.cell.d}`;
      numbers[`${tag}_epsConstruct`] = o.heads[0]!.comparison.constructMean;
      numbers[`${tag}_constructionActualError`] = o.constructionActual;
      for (const h of o.heads) {
        numbers[`${tag}_M${h.heads}_heldOutError`] = h.comparison.trainedMean;
        numbers[`${tag}_M${h.heads}_slack`] = h.comparison.slack;
      }
    }
    const notes = [
      'Error (both sides): per instance, (1/k)·Σ_a ‖out_a − mean_a‖ / max_i ‖X_i − mean_a‖, with mean_a the mean of the points labelled a (true labels, one-hot in the resp slot) and out_a the layer\'s `next` slot (a convex combination of the points, so the error is in [0, 1]).',
      'ε_construct: per instance, (1/k)·Σ_a (n − n_a)/(n_a·e^β_cap + n − n_a) (claim C2 at the cap, relative to max_i ‖X_i − mean_a‖), averaged over the same held-out instances; the hand-set head at β_cap lies in the trained class (weight-norm caps = its norms).',
      `Test: per instance D = error − bound ∈ [−1, 1]; violated when mean(D) > slack, slack = min(Hoeffding, empirical Bernstein (Maurer–Pontil)) at δ/2 each, δ = ${alpha.toExponential(2)} per (cell, M) (Bonferroni share of ${FAILURE_PROBABILITY}). Inconclusive when slack ≥ ε_construct.`,
      'Distribution: isotropic Gaussian mixtures, random centre layout with separation Δ, σ = 1, equal weights; labels are the true labels. Training: Adam, warm-up + cosine schedule, gradient clipping at norm 1, fresh batches of 32 instances, early stopping on 64 held-out validation instances, loss = the mean squared relative error.',
      ...all.map((h) => `k=${h.cell.k} d=${h.cell.d} M=${h.heads}: ${h.source} (checkpoint ${h.configHash}, ${h.stepsRun} steps, seed ${h.seed})${h.rejectedCheckpoint ? `; cached checkpoint rejected: ${h.rejectedCheckpoint}` : ''}`),
    ];
    return {
      id: 'C3',
      verdict,
      summary:
        `held-out relative M-step error of trained M-head layers vs ε_construct: ` +
        outcomes.map((o) => `k=${o.cell.k},d=${o.cell.d} (ε_construct ${o.heads[0]!.comparison.constructMean.toFixed(4)}): ` + o.heads.map((h) => `M=${h.heads} ${h.comparison.trainedMean.toFixed(4)}±${h.comparison.slack.toFixed(4)}`).join(', ')).join('; '),
      numbers,
      samples: heldOut * grid.length,
      failureProbability: FAILURE_PROBABILITY,
      ...(smallest
        ? { counterexample: { k: smallest.cell.k, d: smallest.cell.d, n: smallest.cell.n, delta: smallest.cell.delta, betaCap: smallest.cell.betaCap, heads: smallest.heads, seed: smallest.seed, heldOutError: smallest.comparison.trainedMean, epsConstruct: smallest.comparison.constructMean, slack: smallest.comparison.slack, checkpoint: smallest.configHash } }
        : {}),
      plots: outcomes.map(plotFor),
      notes,
    };
  },
};

function plotFor(o: CellOutcome): Plot {
  const xs = o.heads.map((h) => h.heads);
  return {
    title: `C3: M-step error against heads M (k = ${o.cell.k}, d = ${o.cell.d}, n = ${o.cell.n}, Δ/σ = ${o.cell.delta}, β_cap = ${o.cell.betaCap}; ${o.heldOut} held-out instances, 95% bands)`,
    xLabel: 'heads M',
    yLabel: 'mean ‖out_a − mean_a‖ / max_i ‖X_i − mean_a‖',
    logX: true,
    series: [
      { name: 'trained layer (held-out)', role: 'measured', points: o.heads.map((h) => ({ x: h.heads, y: h.comparison.trainedMean, lower: Math.max(0, h.comparison.trainedMean - h.band), upper: h.comparison.trainedMean + h.band })) },
      { name: 'ε_construct (C2 bound at β_cap)', role: 'bound', points: xs.map((x) => ({ x, y: o.heads[0]!.comparison.constructMean })) },
      { name: 'hand-set head at β_cap (actual error)', role: 'reference', points: xs.map((x) => ({ x, y: o.constructionActual })) },
    ],
  };
}
