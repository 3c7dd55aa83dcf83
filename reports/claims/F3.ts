import { f3MislabelBound } from '../../bounds/f3-mislabel-bound';
import { instancesForSlack, instancesToResolve } from '../../bounds/instances-to-resolve';
import { claimEntry } from '../../bounds/registry';
import { bonferroni } from '../../bounds/repetitions';
import { specAt, transformerInitCenters } from '../../model/clustering/clustering-task';
import type { ClusteringExperiment } from '../../model/clustering/config';
import { compareFromSameInit, type SameInitCase, type SameInitErrors } from '../../model/clustering/method-comparison';
import { clusteringPreset } from '../../model/clustering/presets';
import type { TrainedClusteringTransformer } from '../../model/clustering/pretrained-transformer';
import type { ClusteringTransformer } from '../../model/clustering/transformer';
import { sampleInstance } from '../../theory/mixture';
import { phi } from '../../theory/normal';
import type { Rng } from '../../theory/rng';
import { mean } from '../../theory/sample-statistics';
import { BAND_PERCENT, bandPoint } from './kit/bands';
import type { CheckContext, ClaimCheck, ClaimResult, ClaimScales, Plot, Series } from './kit/claim-check';
import { consecutiveRises, type RiseStep } from './kit/consecutive-rises';
import { describeConfig } from './kit/describe-config';
import { type MeanAgainstAllowance, meanAgainstAllowance } from './kit/mean-against-allowance';
import { checkpointNote, withPretrainedTransformers } from './kit/pretrained-transformers';
import { SmallestCase } from './kit/smallest-case';
import { verdictOf } from './kit/verdict';

const C = claimEntry('F3').constants;

/** CLAIMS.md §4: probability that F3 reports `violated` although the claim holds (Bonferroni over every one-sided bound). */
const FAILURE_PROBABILITY = 0.01;
const SIGMA = 1;
/** Part (c)'s n: doubling from the pre-training range's min to its max. */
const RATE_NS = Array.from({ length: Math.log2(C.maxN / C.minN) + 1 }, (_, i) => C.minN * 2 ** i);
/** Reported points beyond the pre-training range. */
const OUT_OF_RANGE_NS = Array.from({ length: C.outOfRangeDoublings }, (_, i) => C.maxN * 2 ** (i + 1));
/** Part (b): transformer − (1 + factor)·Lloyd ≤ additive, paired. */
const EMULATION_MULTIPLE = 1 + C.emulationFactor;
const LEVEL_LABEL = `${C.factor}(k−1)Φ(−Δ/2σ) + ${C.additive}`;
const EMULATION_LABEL = `transformer − Lloyd ≤ ${C.emulationFactor}·Lloyd + ${C.emulationAdditive} at n ≥ ${C.emulationFromN}`;
const RISE_LABEL = `rise of (transformer − oracle) ≤ ${C.riseTolerance} between consecutive n`;

interface F3Scale {
  /** One pre-trained model per k. */
  readonly ks: readonly number[];
  readonly deltas: readonly number[];
  /** Most instances per cell at each n of RATE_NS (a larger n costs more per instance). */
  readonly instanceCaps: readonly number[];
  /** Instances at each n of OUT_OF_RANGE_NS (reported points). */
  readonly outOfRangeInstances: readonly number[];
  /** Pre-training steps instead of the preset's (the quick smoke scale and negative controls train briefly). */
  readonly trainingSteps?: number;
}

const SCALES: ClaimScales<F3Scale> = {
  quick: { ks: [2, 3], deltas: [3, 4], instanceCaps: [800, 600, 400, 300], outOfRangeInstances: [40, 10], trainingSteps: 100 },
  default: { ks: [2, 3, 4], deltas: [3, 4, 5, 6], instanceCaps: [4000, 3000, 2000, 1500], outOfRangeInstances: [200, 50] },
};

/** One evaluation cell: `instances` fresh instances at (k, Δ/σ, n) from the random stream `streamId`. */
export interface Cell {
  readonly k: number;
  readonly delta: number;
  readonly n: number;
  readonly inRange: boolean;
  readonly streamId: number;
  /** What the cell's tests need to resolve, planned before the data (uncapped). */
  readonly needed: number;
  readonly instances: number;
}

interface F3Plan {
  readonly configs: readonly ClusteringExperiment[];
  /** Failure probability of each one-sided bound. */
  readonly alpha: number;
  readonly tests: number;
  readonly cells: readonly Cell[];
}

interface CellOutcome extends Cell {
  readonly seed: number;
  readonly errors: SameInitErrors;
}

interface F3Measurement {
  readonly backend: string;
  readonly models: ReadonlyMap<number, TrainedClusteringTransformer>;
  readonly outcomes: readonly CellOutcome[];
}

type Part = 'a' | 'b' | 'c';

interface CellTest extends MeanAgainstAllowance {
  readonly cell: CellOutcome;
}

interface F3Judgement {
  readonly level: readonly CellTest[];
  readonly emulation: readonly CellTest[];
  readonly rises: readonly RiseStep<CellOutcome>[];
  readonly violations: SmallestCase<Record<string, unknown>>;
  readonly unresolved: { readonly [part in Part]: number };
}

/**
 * What F3 measures a model by on a cell's cases: every method's aligned and minimised rates. The
 * claim's subject is compareFromSameInit on the cases as sampled; a negative control breaks it
 * (negative-controls-f3.test.ts).
 */
export type F3Subject = (model: ClusteringTransformer, cases: readonly SameInitCase[], cell: Cell) => SameInitErrors;

const evaluateAsSampled: F3Subject = (model, cases) => compareFromSameInit(model, cases);

/** F3: a transformer pretrained over n ∈ [32, 256]: (a) level, (b) as good as Lloyd from its init, (c) no rise in n. */
export function f3Check(subject: F3Subject = evaluateAsSampled): ClaimCheck<F3Scale> {
  return {
    id: 'F3',
    scales: SCALES,
    async run(context) {
      const started = Date.now();
      const planned = plan(context);
      const measured = await measure(planned, subject, context);
      const judged = judge(planned, measured);
      return present(planned, measured, judged, context, (Date.now() - started) / 1000);
    },
  };
}

export const check = f3Check();

/** The range of a per-instance rate at k clusters, and of a paired difference of two. */
const rateRange = (k: number) => 1 - 1 / k;

/**
 * Planning only (before the data): the oracle rate's pairwise approximation p = (k−1)Φ(−Δ/2σ), and a
 * per-instance variance of 4p(1 − p)/n (twice the binomial's, for the points' dependence through
 * the centers) for rates and their paired differences.
 */
function plannedVariance(k: number, delta: number, n: number): number {
  const p = Math.min(0.5, (k - 1) * phi(-delta / 2));
  return (4 * p * (1 - p)) / n;
}

/**
 * Instances each cell's tests need, at the planned variance: (a) the level test resolves when the
 * error is half the bound; (b) resolves when the transformer equals Lloyd (mean of T − 1.1·L about
 * −0.1·p, so the slack must be ≤ (0.002 + 0.1·p)/2); (c) resolves a flat excess (each mean's slack
 * ≤ τ/2). Capped by the scale; what the cap cuts stays unresolved and is reported.
 */
function plan({ seed, quick, scale }: CheckContext<F3Scale>): F3Plan {
  const configs = scale.ks.map((k) => {
    const preset = clusteringPreset({ runSeed: seed, quick, k, nRange: [C.minN, C.maxN] });
    return scale.trainingSteps === undefined ? preset : { ...preset, training: { ...preset.training, steps: scale.trainingSteps } };
  });
  const perDelta = scale.deltas.length * scale.ks.length;
  const tests = perDelta * (RATE_NS.length + RATE_NS.filter((n) => n >= C.emulationFromN).length + 2 * (RATE_NS.length - 1));
  const alpha = bonferroni(FAILURE_PROBABILITY, tests);
  const cells = scale.ks.flatMap((k, ki) =>
    scale.deltas.flatMap((delta, di) => [
      ...RATE_NS.map((n, ni): Cell => {
        const variance = plannedVariance(k, delta, n);
        const p = Math.min(0.5, (k - 1) * phi(-delta / 2));
        const needed = Math.max(
          instancesToResolve(f3MislabelBound(k, delta), rateRange(k), alpha, 1e7),
          n >= C.emulationFromN
            ? instancesForSlack(
                (C.emulationAdditive + C.emulationFactor * p) / 2,
                (1 + EMULATION_MULTIPLE) * rateRange(k),
                alpha,
                variance,
                1e7,
              )
            : 0,
          instancesForSlack(C.riseTolerance / 2, 2 * rateRange(k), alpha, variance, 1e7),
        );
        return {
          k,
          delta,
          n,
          inRange: true,
          streamId: 64 * ki + 8 * di + ni,
          needed,
          instances: Math.min(needed, scale.instanceCaps[ni]!),
        };
      }),
      ...OUT_OF_RANGE_NS.map((n, oi): Cell => {
        const instances = scale.outOfRangeInstances[oi]!;
        return { k, delta, n, inRange: false, streamId: 64 * ki + 8 * di + RATE_NS.length + oi, needed: instances, instances };
      }),
    ]),
  );
  return { configs, alpha, tests, cells };
}

/** `count` fresh instances at (k, Δ, n), each with one perturbed-truth init that every method starts from. */
function evaluationCases(config: ClusteringExperiment, delta: number, n: number, count: number, rng: Rng): SameInitCase[] {
  return Array.from({ length: count }, (_, j) => {
    const r = rng.split(j);
    const instance = sampleInstance(specAt(config, delta * config.sigma, n), r);
    return { instance, init: transformerInitCenters('perturbed-truth', instance, config.lambda0, r)! };
  });
}

/** Every method's aligned and minimised rates on every cell, with the model pre-trained at the cell's k. */
async function measure(planned: F3Plan, subject: F3Subject, { rng, progress }: CheckContext<F3Scale>): Promise<F3Measurement> {
  const work = (cell: Cell) => (cell.instances * cell.n) / C.minN;
  const { backend, models, measured } = await withPretrainedTransformers(
    planned.configs,
    progress,
    planned.cells.reduce((s, c) => s + work(c), 0),
    (models, evaluated) =>
      planned.cells.map((cell): CellOutcome => {
        const model = models[planned.configs.findIndex((c) => c.k === cell.k)]!;
        const cellRng = rng.split(cell.streamId);
        const cases = evaluationCases(model.training.config, cell.delta, cell.n, cell.instances, cellRng);
        const errors = subject(model.training.model, cases, cell);
        evaluated(work(cell));
        return { ...cell, seed: cellRng.seed, errors };
      }),
  );
  return { backend, models: new Map(models.map((m) => [m.training.config.k, m])), outcomes: measured };
}

const paired = (a: readonly number[], b: readonly number[], multiple = 1) => a.map((x, j) => x - multiple * b[j]!);
const excess = (o: CellOutcome) => paired(o.errors.transformer.aligned, o.errors.oracle.aligned);

/** The three parts on the in-range cells; the out-of-range points are reported only. */
function judge(planned: F3Plan, measured: F3Measurement): F3Judgement {
  const inRange = measured.outcomes.filter((o) => o.inRange);
  const { alpha } = planned;
  const level = inRange.map((cell) => ({
    cell,
    ...meanAgainstAllowance(cell.errors.transformer.aligned, alpha, rateRange(cell.k), f3MislabelBound(cell.k, cell.delta)),
  }));
  const emulation = inRange
    .filter((o) => o.n >= C.emulationFromN)
    .map((cell) => ({
      cell,
      ...meanAgainstAllowance(
        paired(cell.errors.transformer.aligned, cell.errors.lloyd.aligned, EMULATION_MULTIPLE),
        alpha,
        (1 + EMULATION_MULTIPLE) * rateRange(cell.k),
        C.emulationAdditive,
      ),
    }));
  const series = [...new Set(inRange.map((o) => `${o.k}/${o.delta}`))].map((key) => inRange.filter((o) => `${o.k}/${o.delta}` === key));
  const rises = series.flatMap((points) => consecutiveRises(points, excess, 2 * rateRange(points[0]!.k), alpha, C.riseTolerance));
  const violations = new SmallestCase<Record<string, unknown>>();
  const record = (part: Part, cell: CellOutcome, facts: Record<string, unknown>) =>
    violations.offer(cell.k * cell.n, {
      part,
      k: cell.k,
      delta: cell.delta,
      n: cell.n,
      instances: cell.instances,
      evaluationSeed: cell.seed,
      ...facts,
    });
  for (const t of level)
    if (t.outcome === 'violated') record('a', t.cell, { meanError: t.mean, lowerConfidenceBound: t.mean - t.slack, bound: t.allowance });
  for (const t of emulation)
    if (t.outcome === 'violated')
      record('b', t.cell, { meanTransformerMinus1_1Lloyd: t.mean, lowerConfidenceBound: t.mean - t.slack, allowance: t.allowance });
  for (const r of rises)
    if (r.outcome === 'violated')
      record('c', r.later, { fromN: r.earlier.n, rise: r.rise, lowerConfidenceBound: r.lower, tolerance: C.riseTolerance });
  const unresolved = {
    a: level.filter((t) => t.outcome === 'unresolved').length,
    b: emulation.filter((t) => t.outcome === 'unresolved').length,
    c: rises.filter((r) => r.outcome === 'unresolved').length,
  };
  return { level, emulation, rises, violations, unresolved };
}

/** Each part's tightest test: the smallest margin (allowance minus the upper confidence bound). */
function tightest(judged: F3Judgement) {
  const candidates = [
    ...judged.level.map((t) => ({ part: 'a', cell: t.cell, upper: t.mean + t.slack, allowance: t.allowance })),
    ...judged.emulation.map((t) => ({ part: 'b', cell: t.cell, upper: t.mean + t.slack, allowance: t.allowance })),
    ...judged.rises.map((r) => ({ part: 'c', cell: r.later, upper: r.upper, allowance: C.riseTolerance })),
  ];
  return (['a', 'b', 'c'] as const).map((part) =>
    candidates.filter((c) => c.part === part).reduce((w, c) => (c.allowance - c.upper < w.allowance - w.upper ? c : w)),
  );
}

function present(
  planned: F3Plan,
  measured: F3Measurement,
  judged: F3Judgement,
  context: CheckContext<F3Scale>,
  seconds: number,
): ClaimResult {
  const { violations, unresolved } = judged;
  const worst = tightest(judged);
  const decisive = worst.reduce((w, c) => (c.allowance - c.upper < w.allowance - w.upper ? c : w));
  const where = (c: { cell: Cell }) => `k=${c.cell.k}, Δ/σ=${c.cell.delta}, n=${c.cell.n}`;
  return {
    id: 'F3',
    verdict: verdictOf({ violations: violations.count, unresolved: unresolved.a + unresolved.b + unresolved.c }),
    summary:
      worst.map((w) => `(${w.part}) tightest upper bound ${w.upper.toFixed(4)} vs ${w.allowance.toFixed(4)} at ${where(w)}`).join('; ') +
      `; unresolved (a) ${unresolved.a}/${judged.level.length}, (b) ${unresolved.b}/${judged.emulation.length}, (c) ${unresolved.c}/${judged.rises.length}` +
      (violations.count > 0 ? `; ${violations.count} tests violated` : ''),
    headline: {
      bound: `(a) ${LEVEL_LABEL}; (b) ${EMULATION_LABEL}; (c) ${RISE_LABEL}`,
      measured: `(${decisive.part}) upper confidence bound ${decisive.upper.toFixed(4)} vs ${decisive.allowance.toFixed(4)} at ${where(decisive)}`,
      margin: decisive.allowance - decisive.upper,
    },
    numbers: f3Numbers(planned, measured, judged, seconds),
    samples: measured.outcomes.reduce((s, o) => s + o.instances, 0),
    failureProbability: FAILURE_PROBABILITY,
    ...(violations.value ? { counterexample: violations.value } : {}),
    plots: [
      ...context.scale.ks.map((k) =>
        levelPlot(
          k,
          measured.outcomes.filter((o) => o.k === k && o.inRange),
        ),
      ),
      emulationPlot(judged.emulation),
      ...context.scale.ks.map((k) =>
        excessPlot(
          k,
          measured.outcomes.filter((o) => o.k === k),
        ),
      ),
      exponentPlot(measured.outcomes.filter((o) => o.n === C.maxN)),
    ],
    notes: f3Notes(planned, measured, judged, context),
  };
}

function f3Numbers(planned: F3Plan, measured: F3Measurement, judged: F3Judgement, seconds: number): Record<string, number | string> {
  const numbers: Record<string, number | string> = {
    backend: measured.backend,
    testAlpha: planned.alpha,
    oneSidedBounds: planned.tests,
    violations: judged.violations.count,
    violatedLevel: judged.level.filter((t) => t.outcome === 'violated').length,
    violatedEmulation: judged.emulation.filter((t) => t.outcome === 'violated').length,
    violatedRises: judged.rises.filter((r) => r.outcome === 'violated').length,
    unresolvedLevel: judged.unresolved.a,
    unresolvedEmulation: judged.unresolved.b,
    unresolvedRises: judged.unresolved.c,
    seconds,
  };
  for (const [k, m] of measured.models) {
    numbers[`k${k}_trainingInstancesPerSecond`] = m.instancesPerSecond;
    numbers[`k${k}_stepsRun`] = m.cached.outcome.stepsRun;
    numbers[`k${k}_bestValidationLoss`] = m.cached.outcome.bestValidationLoss;
  }
  for (const o of measured.outcomes) {
    const tag = `k${o.k}_delta${o.delta}_n${o.n}`;
    numbers[`${tag}_transformer`] = mean(o.errors.transformer.aligned);
    numbers[`${tag}_transformerMinimised`] = mean(o.errors.transformer.minimised);
    numbers[`${tag}_lloyd`] = mean(o.errors.lloyd.aligned);
    numbers[`${tag}_oracle`] = mean(o.errors.oracle.aligned);
    numbers[`${tag}_instances`] = o.instances;
    if (o.inRange) numbers[`${tag}_instancesNeeded`] = o.needed;
  }
  for (const t of judged.emulation) numbers[`k${t.cell.k}_delta${t.cell.delta}_n${t.cell.n}_emulationUpper`] = t.mean + t.slack;
  for (const r of judged.rises) numbers[`k${r.later.k}_delta${r.later.delta}_n${r.earlier.n}to${r.later.n}_riseUpper`] = r.upper;
  return numbers;
}

function f3Notes(planned: F3Plan, measured: F3Measurement, judged: F3Judgement, { quick, scale }: CheckContext<F3Scale>): string[] {
  const capped = planned.cells.filter((c) => c.inRange && c.instances < c.needed);
  const outcomes = (part: Part, tests: readonly { outcome: string }[]) =>
    `(${part}) ${tests.filter((t) => t.outcome === 'holds').length} hold, ${tests.filter((t) => t.outcome === 'violated').length} violated, ${judged.unresolved[part]} unresolved of ${tests.length}`;
  return [
    `Pre-training (one transformer per k, n drawn per batch from [${C.minN}, ${C.maxN}]): ${describeConfig(planned.configs[0]!)}.`,
    ...[...measured.models].map(([k, m]) => checkpointNote(`k=${k}`, m, measured.backend, { bestStep: true, seed: true })),
    `Errors are aligned to the init's order (label a = the cluster of initial center a, for the transformer and for Lloyd and EM from the same perturbed-truth init, Λ_0 = ${C.lambda0}); the oracle labels in the true order. The permutation-minimised rates are in the numbers (*_transformerMinimised): at small n the minimum over k! relabellings biases every rate down.`,
    `Tests: (a) per in-range cell, mean aligned error ≤ ${LEVEL_LABEL}; (b) per cell with n ≥ ${C.emulationFromN}, paired mean of transformer − ${EMULATION_MULTIPLE}·Lloyd ≤ ${C.emulationAdditive} (values in an interval of width ${1 + EMULATION_MULTIPLE}·(1 − 1/k)); (c) per (k, Δ/σ) and consecutive n ∈ {${RATE_NS.join(', ')}}, the rise of the paired excess transformer − oracle has the interval (later ± slack) − (earlier ∓ slack). Slack min(Hoeffding, empirical Bernstein) at ${planned.alpha.toExponential(2)} per one-sided bound, a Bonferroni share of ${FAILURE_PROBABILITY} over ${planned.tests} bounds. Each part is violated when a lower bound exceeds its allowance, holds when every upper bound is within it.`,
    `Outcomes: ${outcomes('a', judged.level)}; ${outcomes('b', judged.emulation)}; ${outcomes('c', judged.rises)}.`,
    `Instances per cell, planned before the data at a per-instance variance of 4p(1 − p)/n with p = (k−1)Φ(−Δ/2σ): the most that (a) resolving at half the bound, (b) resolving when the transformer equals Lloyd, and (c) resolving a flat excess need, capped at ${scale.instanceCaps.join('/')} for n = ${RATE_NS.join('/')}. ` +
      (capped.length > 0
        ? `The cap cut ${capped.length} of ${planned.cells.filter((c) => c.inRange).length} cells (needed up to ${Math.max(...capped.map((c) => c.needed))} instances): their tests may stay unresolved. Distribution-free bounds on means of values with range about 1 need of the order of range·ln(1/α)/tolerance instances, about 10⁴ for (b)'s 0.002 and (c)'s 0.001.`
        : 'No cell was cut by the cap.'),
    `n = ${OUT_OF_RANGE_NS.join(', ')} lie outside the pre-training range: reported (${scale.outOfRangeInstances.join('/')} instances), outside the verdict.`,
    ...(quick
      ? [
          `Quick scale: k ∈ {${scale.ks.join(', ')}} instead of {${SCALES.default.ks.join(', ')}}, Δ/σ ∈ {${scale.deltas.join(', ')}} instead of {${SCALES.default.deltas.join(', ')}}, ${planned.configs[0]!.training.steps} pre-training steps (an undertrained smoke test), instance caps ${scale.instanceCaps.join('/')} instead of ${SCALES.default.instanceCaps.join('/')}.`,
        ]
      : []),
  ];
}

function levelPlot(k: number, outcomes: readonly CellOutcome[]): Plot {
  const deltas = [...new Set(outcomes.map((o) => o.delta))];
  const series: Series[] = RATE_NS.map((n) => ({
    name: `transformer, n = ${n}`,
    role: 'measured',
    points: outcomes.filter((o) => o.n === n).map((o) => bandPoint(o.delta, o.errors.transformer.aligned, rateRange(k))),
  }));
  return {
    title: `F3 (a), k = ${k}: aligned mislabel rate against Δ/σ at each n (${BAND_PERCENT}% bands); violated if a band lies wholly above the bound`,
    xLabel: 'Δ/σ',
    yLabel: 'mean mislabel rate (aligned)',
    series: [
      ...series,
      {
        name: 'oracle, n = 256',
        role: 'reference',
        points: outcomes.filter((o) => o.n === C.maxN).map((o) => bandPoint(o.delta, o.errors.oracle.aligned, rateRange(k))),
      },
      { name: LEVEL_LABEL, role: 'bound', points: deltas.map((delta) => ({ x: delta, y: f3MislabelBound(k, delta) })) },
    ],
  };
}

function emulationPlot(tests: readonly CellTest[]): Plot {
  const keys = [...new Set(tests.map((t) => `${t.cell.k}/${t.cell.n}`))];
  return {
    title: `F3 (b): paired transformer − ${EMULATION_MULTIPLE}·Lloyd (same init) against Δ/σ (${BAND_PERCENT}% paired bands); violated if a band lies wholly above ${C.emulationAdditive}`,
    xLabel: 'Δ/σ',
    yLabel: `mean of transformer − ${EMULATION_MULTIPLE}·Lloyd`,
    series: [
      ...keys.map((key): Series => {
        const chosen = tests.filter((t) => `${t.cell.k}/${t.cell.n}` === key);
        const { k, n } = chosen[0]!.cell;
        return {
          name: `k = ${k}, n = ${n}`,
          role: 'measured',
          points: chosen.map((t) =>
            bandPoint(
              t.cell.delta,
              paired(t.cell.errors.transformer.aligned, t.cell.errors.lloyd.aligned, EMULATION_MULTIPLE),
              (1 + EMULATION_MULTIPLE) * rateRange(k),
              -Infinity,
            ),
          ),
        };
      }),
      {
        name: `allowance ${C.emulationAdditive}`,
        role: 'bound',
        points: [...new Set(tests.map((t) => t.cell.delta))].map((x) => ({ x, y: C.emulationAdditive })),
      },
    ],
  };
}

function excessPlot(k: number, outcomes: readonly CellOutcome[]): Plot {
  const deltas = [...new Set(outcomes.map((o) => o.delta))];
  const series = (inRange: boolean): Series[] =>
    deltas.map((delta) => ({
      name: `Δ/σ = ${delta}${inRange ? '' : ' (n out of range)'}`,
      role: inRange ? 'measured' : 'reference',
      points: outcomes
        .filter((o) => o.delta === delta && o.inRange === inRange)
        .map((o) => (inRange ? bandPoint(o.n, excess(o), 2 * rateRange(k), -Infinity) : { x: o.n, y: mean(excess(o)) })),
    }));
  return {
    title: `F3 (c), k = ${k}: paired excess transformer − oracle against n (${BAND_PERCENT}% paired bands; n > ${C.maxN}: means only, few instances); violated if it rises by more than ${C.riseTolerance} between consecutive n ≤ ${C.maxN} beyond both bands`,
    xLabel: 'n',
    yLabel: 'mean of transformer − oracle (aligned)',
    logX: true,
    series: [...series(true), ...series(false)],
  };
}

/**
 * The exponent −ln(error)/(Δ²/8σ²) at n = 256 against Δ (reported): a rate of zero is floored at one
 * mislabelled point over all instances, the smallest rate the cell can show.
 */
function exponentPlot(outcomes: readonly CellOutcome[]): Plot {
  const methods = [
    ['transformer', 'measured'],
    ['lloyd', 'reference'],
    ['oracle', 'reference'],
  ] as const;
  const ks = [...new Set(outcomes.map((o) => o.k))];
  return {
    title: `F3 (reported): exponent −ln(error)/(Δ²/8σ²) against Δ/σ at n = ${C.maxN}; the minimax rate is exponent 1 as Δ grows`,
    xLabel: 'Δ/σ',
    yLabel: '−ln(error)/(Δ²/8σ²)',
    series: ks.flatMap((k) =>
      methods.map(
        ([method, role]): Series => ({
          name: `${method === 'lloyd' ? 'Lloyd' : method}, k = ${k}`,
          role,
          points: outcomes
            .filter((o) => o.k === k)
            .map((o) => {
              const error = Math.max(mean(o.errors[method].aligned), 1 / (o.instances * o.n));
              return { x: o.delta, y: -Math.log(error) / ((o.delta * o.delta) / (8 * SIGMA * SIGMA)) };
            }),
        }),
      ),
    ),
  };
}
