import type * as tf from '@tensorflow/tfjs';
import type { EStepExperiment } from '../../../model/training/estep-experiment';
import type { LoopConfig } from '../../../model/training/loop-config';
import type { MStepExperiment } from '../../../model/training/mstep-experiment';
import type { ClaimCheck, Plot } from './claim-check';
import type { TrainedLayerClaim, TrainedLayerText } from './trained-layer-claim';
import { type CellOutcome, FAILURE_PROBABILITY, runTrainedLayers } from './trained-layer-experiment';

/**
 * The check of a trained-layer claim (B3, C3): `violated` when some trained layer's held-out error
 * exceeds ε_construct beyond the slack, else `inconclusive` when some slack is too wide to tell,
 * else `holds`.
 */
export function trainedLayerCheck<Config extends EStepExperiment | MStepExperiment, Batch extends tf.TensorContainer>(
  claim: TrainedLayerClaim<Config, Batch>,
): ClaimCheck {
  return {
    id: claim.id,
    async run(context) {
      const { backend, alpha, heldOut, outcomes, configs } = await runTrainedLayers(claim, context);
      const { text, errorWidth } = claim;
      const all = outcomes.flatMap((o) => o.heads.map((h) => ({ cell: o.cell, ...h })));
      const violations = all.filter((h) => h.comparison.exceeds);
      const unresolved = all.filter((h) => !h.comparison.resolved);
      const verdict = violations.length > 0 ? 'violated' : unresolved.length > 0 ? 'inconclusive' : 'holds';
      const smallest = violations.sort((a, b) => a.cell.k * a.cell.d * a.heads - b.cell.k * b.cell.d * b.heads)[0];
      const worst = all.reduce(
        (w, h) => Math.max(w, h.comparison.trainedMean - h.comparison.constructMean - h.comparison.slack),
        -Infinity,
      );
      const numbers: Record<string, number | string> = {
        testAlpha: alpha,
        heldOutInstances: heldOut,
        backend,
        worstExcessOverSlack: worst,
      };
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
        text.errorNote,
        text.boundNote,
        `Test: per instance D = error − bound ∈ [−${errorWidth}, ${errorWidth}]; violated when mean(D) > slack, slack = min(Hoeffding, empirical Bernstein (Maurer–Pontil)) at δ/2 each, δ = ${alpha.toExponential(2)} per (cell, M) (Bonferroni share of ${FAILURE_PROBABILITY}). Inconclusive when slack ≥ ε_construct.`,
        `Distribution: isotropic Gaussian mixtures, random center layout with separation Δ, σ = 1, equal weights; ${text.inputs}. Training: ${describeTraining(configs, 'instances', (c) => `${c.validationInstances} held-out validation instances`)}, loss = ${text.loss}.`,
        ...all.map(
          (h) =>
            `k=${h.cell.k} d=${h.cell.d} M=${h.heads}: ${h.source} (checkpoint ${h.configHash}, ${h.stepsRun} steps, seed ${h.seed})${h.rejectedCheckpoint ? `; cached checkpoint rejected: ${h.rejectedCheckpoint}` : ''}`,
        ),
      ];
      return {
        id: claim.id,
        verdict,
        summary:
          `held-out ${text.summaryError} of trained M-head layers vs ε_construct: ` +
          outcomes
            .map(
              (o) =>
                `k=${o.cell.k},d=${o.cell.d} (ε_construct ${o.heads[0]!.comparison.constructMean.toFixed(4)}): ` +
                o.heads.map((h) => `M=${h.heads} ${h.comparison.trainedMean.toFixed(4)}±${h.comparison.slack.toFixed(4)}`).join(', '),
            )
            .join('; '),
        numbers,
        samples: heldOut * outcomes.length,
        failureProbability: FAILURE_PROBABILITY,
        ...(smallest
          ? {
              counterexample: {
                k: smallest.cell.k,
                d: smallest.cell.d,
                n: smallest.cell.n,
                delta: smallest.cell.delta,
                betaCap: smallest.cell.betaCap,
                heads: smallest.heads,
                seed: smallest.seed,
                heldOutError: smallest.comparison.trainedMean,
                epsConstruct: smallest.comparison.constructMean,
                slack: smallest.comparison.slack,
                checkpoint: smallest.configHash,
              },
            }
          : {}),
        plots: outcomes.map((o) => plotFor(claim.id, text, o)),
        notes,
      };
    },
  };
}

/**
 * The optimiser settings of the configs actually trained (claims B3, C3, D2), each distinct value
 * listed once, so the report text cannot drift from the configs.
 */
export function describeTraining<Config extends { readonly batchSize: number; readonly training: LoopConfig }>(
  configs: readonly Config[],
  batchUnit: string,
  validation: (c: Config) => string,
): string {
  const values = <T>(pick: (c: Config) => T): string => [...new Set(configs.map(pick))].join(' / ');
  return (
    `Adam, linear warm-up over ${values((c) => c.training.warmupSteps)} steps then cosine decay from ${values((c) => c.training.learningRate)} to ${values((c) => c.training.finalLearningRateRatio)}× the peak, ` +
    `gradient clipping at global norm ${values((c) => c.training.clipNorm)}, fresh batches of ${values((c) => c.batchSize)} ${batchUnit}, up to ${values((c) => c.training.steps)} steps, ` +
    `early stopping (evaluation every ${values((c) => c.training.evalEvery)} steps, patience ${values((c) => c.training.patience)}) on ${values(validation)}`
  );
}

function plotFor(id: string, text: TrainedLayerText, o: CellOutcome): Plot {
  const xs = o.heads.map((h) => h.heads);
  return {
    title: `${id}: ${text.plotError} against heads M (k = ${o.cell.k}, d = ${o.cell.d}, n = ${o.cell.n}, Δ/σ = ${o.cell.delta}, β_cap = ${o.cell.betaCap}; ${o.heldOut} held-out instances, 95% bands)`,
    xLabel: 'heads M',
    yLabel: text.yLabel,
    logX: true,
    series: [
      {
        name: 'trained layer (held-out)',
        role: 'measured',
        points: o.heads.map((h) => ({
          x: h.heads,
          y: h.comparison.trainedMean,
          lower: Math.max(0, h.comparison.trainedMean - h.band),
          upper: h.comparison.trainedMean + h.band,
        })),
      },
      {
        name: `ε_construct (${text.boundClaim} bound at β_cap)`,
        role: 'bound',
        points: xs.map((x) => ({ x, y: o.heads[0]!.comparison.constructMean })),
      },
      { name: 'hand-set head at β_cap (actual error)', role: 'reference', points: xs.map((x) => ({ x, y: o.constructionActual })) },
    ],
  };
}
