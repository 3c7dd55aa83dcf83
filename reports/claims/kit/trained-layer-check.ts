import type * as tf from '@tensorflow/tfjs';
import type { EStepExperiment } from '../../../model/training/estep-experiment';
import type { MStepExperiment } from '../../../model/training/mstep-experiment';
import { BAND_PERCENT } from './bands';
import type { ClaimCheck, ClaimResult, Headline, NumberValue, Plot, Series, Verdict } from './claim-check';
import { headline, shown } from './headline';
import { pairedDifferencePoint } from './paired-difference-series';
import { curve } from './rate-series';
import { SmallestCase } from './smallest-case';
import { describeTraining } from './trained-describe';
import type { LayerCell, TrainedLayerClaim, TrainedLayerScale, TrainedLayerText } from './trained-layer-claim';
import {
  type CellOutcome,
  FAILURE_PROBABILITY,
  type HeadsOutcome,
  measureTrainedLayers,
  planTrainedLayers,
  type TrainedLayerRun,
} from './trained-layer-experiment';
import { verdictOf } from './verdict';

/** One (cell, M) test of a trained-layer check: the layer chosen on validation against ε_construct. */
type LayerTest = HeadsOutcome & { readonly cell: LayerCell };

interface Judgement {
  readonly verdict: Verdict;
  readonly tests: readonly LayerTest[];
  readonly smallestViolation?: LayerTest;
}

/**
 * The check of a trained-layer claim (B3, C3): plan the trainings (cells × M × seeds), measure
 * (train, choose each (cell, M)'s seed on validation, test it and the construction), judge
 * (`violated` when some chosen layer's test error exceeds ε_construct beyond the slack, else
 * `inconclusive` when some slack is too wide to tell, else `holds`), and present.
 */
export function trainedLayerCheck<Config extends EStepExperiment | MStepExperiment, Batch extends tf.TensorContainer>(
  claim: TrainedLayerClaim<Config, Batch>,
): ClaimCheck<TrainedLayerScale> {
  return {
    id: claim.id,
    scales: claim.scales,
    async run(context) {
      const plan = planTrainedLayers(claim, context);
      const run = await measureTrainedLayers(claim, plan, context.progress);
      return present(claim, run, judge(run));
    },
  };
}

function judge(run: TrainedLayerRun): Judgement {
  const tests: LayerTest[] = run.outcomes.flatMap((o) => o.heads.map((h) => ({ cell: o.cell, ...h })));
  const violations = new SmallestCase<LayerTest>();
  for (const t of tests) if (t.comparison.exceeds) violations.offer(t.cell.k * t.cell.d * t.heads, t);
  const verdict = verdictOf({ violations: violations.count, unresolved: tests.filter((t) => !t.comparison.resolved).length });
  return { verdict, tests, ...(violations.value ? { smallestViolation: violations.value } : {}) };
}

function present<Config extends EStepExperiment | MStepExperiment, Batch extends tf.TensorContainer>(
  claim: TrainedLayerClaim<Config, Batch>,
  run: TrainedLayerRun,
  { verdict, tests, smallestViolation }: Judgement,
): ClaimResult {
  return {
    id: claim.id,
    verdict,
    summary: summaryOf(claim.text, run),
    headline: headlineOf(claim.text, tests),
    numbers: numbersOf(run, tests),
    samples: run.outcomes.reduce((s, o) => s + o.heldOut, 0),
    failureProbability: FAILURE_PROBABILITY,
    ...(smallestViolation ? { counterexample: counterexampleOf(smallestViolation) } : {}),
    plots: [...run.outcomes.map((o) => plotFor(claim.id, claim.text, run.seeds, o)), pairedPlot(claim.id, run)],
    notes: notesOf(claim, run, tests),
  };
}

const f4 = (x: number): string => x.toFixed(4);

/** How far a test is from rejecting: ε_construct − (chosen layer's mean test error − slack). */
function marginOf({ comparison }: LayerTest): number {
  return comparison.constructMean - (comparison.trainedMean - comparison.slack);
}

/** B3, C3: the (cell, M) nearest to rejection; the lower confidence bound trainedMean − slack decides against ε_construct. */
function headlineOf(text: TrainedLayerText, tests: readonly LayerTest[]): Headline {
  const t = tests.reduce((tightest, test) => (marginOf(test) < marginOf(tightest) ? test : tightest));
  const { trainedMean, constructMean, slack } = t.comparison;
  return headline(
    `ε_construct (${text.boundClaim} bound at β_cap) = ${shown(constructMean)} at k=${t.cell.k}, d=${t.cell.d}, M=${t.heads}`,
    `chosen layer's test error − slack = ${shown(trainedMean - slack)} (mean ${shown(trainedMean)}, paired slack ${shown(slack)}; seed ${t.chosen + 1} of ${t.seeds.length})`,
    marginOf(t),
  );
}

function summaryOf(text: TrainedLayerText, run: TrainedLayerRun): string {
  const cell = (o: CellOutcome): string =>
    `k=${o.cell.k},d=${o.cell.d} (ε_construct ${f4(o.heads[0]!.comparison.constructMean)}, construction measured ${f4(o.constructionActual)}): ` +
    o.heads
      .map(
        (h) =>
          `M=${h.heads} chosen ${f4(h.comparison.trainedMean)}±${f4(h.comparison.slack)} [seeds ${h.seeds.map((s) => f4(s.testError)).join('/')}; gap ${h.gap >= 0 ? '+' : ''}${f4(h.gap)}]`,
      )
      .join(', ');
  return `test ${text.summaryError} of the best-of-${run.seeds}-seeds M-head layer (chosen on validation) vs ε_construct: ${run.outcomes.map(cell).join('; ')}`;
}

function numbersOf(run: TrainedLayerRun, tests: readonly LayerTest[]): Record<string, NumberValue> {
  const worst = tests.reduce((w, t) => Math.max(w, t.comparison.trainedMean - t.comparison.constructMean - t.comparison.slack), -Infinity);
  const numbers: Record<string, NumberValue> = {
    testAlpha: run.alpha,
    seeds: run.seeds,
    backend: run.backend,
    worstExcessOverSlack: worst,
  };
  for (const o of run.outcomes) {
    const tag = `k${o.cell.k}d${o.cell.d}`;
    numbers[`${tag}_testInstances`] = o.heldOut;
    numbers[`${tag}_validationInstances`] = o.selection;
    numbers[`${tag}_cap`] = o.cap;
    numbers[`${tag}_epsConstruct`] = o.heads[0]!.comparison.constructMean;
    numbers[`${tag}_constructionTestError`] = o.constructionActual;
    numbers[`${tag}_maxTrainedNormOverCap`] = Math.max(...o.heads.flatMap((h) => h.seeds.map((s) => s.maxNorm))) / o.cap;
    for (const h of o.heads) {
      const m = `${tag}_M${h.heads}`;
      numbers[`${m}_chosenSeed`] = h.chosen + 1;
      numbers[`${m}_chosenTestError`] = h.comparison.trainedMean;
      numbers[`${m}_slack`] = h.comparison.slack;
      numbers[`${m}_gapToConstruction`] = h.gap;
      h.seeds.forEach((s, r) => {
        numbers[`${m}_seed${r + 1}_validationError`] = s.validationError;
        numbers[`${m}_seed${r + 1}_testError`] = s.testError;
      });
    }
  }
  return numbers;
}

function counterexampleOf(t: LayerTest) {
  const { k, d, n, delta, betaCap } = t.cell;
  const { trainedMean, constructMean, slack } = t.comparison;
  const chosen = t.seeds[t.chosen]!;
  return {
    k,
    d,
    n,
    delta,
    betaCap,
    heads: t.heads,
    seed: chosen.seed,
    testError: trainedMean,
    epsConstruct: constructMean,
    slack,
    seedTestErrors: t.seeds.map((s) => s.testError),
    checkpoint: chosen.configHash,
  };
}

function notesOf<Config extends EStepExperiment | MStepExperiment, Batch extends tf.TensorContainer>(
  { text, errorWidth }: TrainedLayerClaim<Config, Batch>,
  run: TrainedLayerRun,
  tests: readonly LayerTest[],
): string[] {
  const training = describeTraining(run.configs, 'instances', (c) => `${c.validationInstances} validation instances of its own`);
  return [
    text.errorNote,
    text.boundNote,
    `Class: each head's effective inverse temperature, the spectral norm ‖W_Q W_Kᵀ‖₂ of its bilinear form, is capped at the construction's (= β_cap), by the reparameterisation W_Q ↦ W_Q·min(1, cap/‖W_Q W_Kᵀ‖₂) with the norm computed exactly (Jacobi, float64); the construction is in the class exactly at the cap. Largest trained ‖W_Q W_Kᵀ‖₂/cap per cell: ${run.outcomes.map((o) => `k=${o.cell.k} ${Math.max(...o.heads.flatMap((h) => h.seeds.map((s) => s.maxNorm / o.cap))).toFixed(6)}`).join(', ')}.`,
    `ERM is approximated by the best of ${run.seeds} independently seeded trainings per (cell, M), chosen by the least mean error on ${run.outcomes[0]!.selection} fresh validation instances per cell, drawn from their own random stream, disjoint from the ${run.outcomes[0]!.heldOut} test instances (which play no part in the choice). Every seed's test error is reported (the optimisation spread); the gap is the chosen layer's mean paired test difference from the construction's own measured error, with its ${BAND_PERCENT}% band.`,
    `Test: per test instance D = error of the chosen layer − bound ∈ [−${errorWidth}, ${errorWidth}]; violated when mean(D) > slack, slack = min(Hoeffding, empirical Bernstein (Maurer–Pontil)) at δ/2 each, δ = ${run.alpha.toExponential(2)} per (cell, M) (Bonferroni share of ${FAILURE_PROBABILITY}). Inconclusive when slack ≥ ε_construct.`,
    `Distribution: isotropic Gaussian mixtures, random center layout with separation Δ, σ = 1, equal weights; ${text.inputs}. Training: ${training}, loss = ${text.loss}.`,
    ...tests.map(
      (t) =>
        `k=${t.cell.k} d=${t.cell.d} M=${t.heads}: chosen seed ${t.chosen + 1} of ${t.seeds.length}; gap to construction ${t.gap >= 0 ? '+' : ''}${f4(t.gap)} ± ${f4(t.gapBand)}; ` +
        t.seeds
          .map(
            (s, r) =>
              `seed ${r + 1}: validation ${f4(s.validationError)}, test ${f4(s.testError)} (${s.source}, checkpoint ${s.configHash}, ${s.stepsRun} steps, seed ${s.seed})${s.rejectedCheckpoint ? `, cached checkpoint rejected: ${s.rejectedCheckpoint}` : ''}`,
          )
          .join('; '),
    ),
  ];
}

function plotFor(id: string, text: TrainedLayerText, seeds: number, o: CellOutcome): Plot {
  const xs = o.heads.map((h) => h.heads);
  const seedSeries: Series[] = Array.from({ length: seeds }, (_, r) => ({
    name: `seed ${r + 1} (test)`,
    role: 'reference',
    points: o.heads.map((h) => ({ x: h.heads, y: h.seeds[r]!.testError })),
  }));
  return {
    title: `${id} is violated if a chosen layer's test error exceeds ε_construct by more than its paired slack (the paired plot): ${text.plotError} against heads M (k = ${o.cell.k}, d = ${o.cell.d}, n = ${o.cell.n}, Δ/σ = ${o.cell.delta}, β_cap = ${o.cell.betaCap}; ${o.heldOut} test instances, ${BAND_PERCENT}% unpaired bands)`,
    xLabel: 'heads M',
    yLabel: text.yLabel,
    logX: true,
    series: [
      {
        name: `chosen layer (best of ${seeds}; test)`,
        role: 'measured',
        points: o.heads.map((h) => ({
          x: h.heads,
          y: h.comparison.trainedMean,
          lower: Math.max(0, h.comparison.trainedMean - h.band),
          upper: h.comparison.trainedMean + h.band,
        })),
      },
      ...seedSeries,
      {
        name: `ε_construct (${text.boundClaim} bound at β_cap)`,
        role: 'bound',
        points: xs.map((x) => ({ x, y: o.heads[0]!.comparison.constructMean })),
      },
      { name: 'construction (measured)', role: 'reference', points: xs.map((x) => ({ x, y: o.constructionActual })) },
    ],
  };
}

/**
 * The verdict's own comparison, paired per test instance (issue 12): per cell, the chosen layer −
 * ε_construct with its decision band (mean ± the test's slack at δ per (cell, M)), and the chosen
 * layer − the construction's measured error with its BAND_PERCENT% paired band.
 */
function pairedPlot(id: string, run: TrainedLayerRun): Plot {
  const xs = [...new Set(run.outcomes.flatMap((o) => o.heads.map((h) => h.heads)))].sort((a, b) => a - b);
  return {
    title: `${id} is violated if a decision band of chosen layer − ε_construct lies wholly above 0: paired differences per test instance against heads M (decision bands at δ = ${run.alpha.toExponential(2)} per (cell, M); chosen − the construction's measured error with ${BAND_PERCENT}% paired bands)`,
    xLabel: 'heads M',
    yLabel: 'mean paired difference per test instance',
    logX: true,
    series: [
      ...run.outcomes.flatMap((o): Series[] => [
        {
          name: `k=${o.cell.k}, d=${o.cell.d}: layer − ε_construct (test)`,
          role: 'measured',
          points: o.heads.map((h) =>
            pairedDifferencePoint(h.heads, { mean: h.comparison.trainedMean - h.comparison.constructMean, slack: h.comparison.slack }),
          ),
        },
        {
          name: `k=${o.cell.k}, d=${o.cell.d}: layer − construction`,
          role: 'reference',
          points: o.heads.map((h) => pairedDifferencePoint(h.heads, { mean: h.gap, slack: h.gapBand })),
        },
      ]),
      curve('0: layer = ε_construct', 'bound', xs, () => 0),
    ],
  };
}
