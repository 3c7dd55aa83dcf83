import * as tf from '@tensorflow/tfjs';
import { claimEntry } from '../bounds/registry';
import { argmaxRows } from '../theory/em';
import { eStepMargins } from '../theory/estep';
import { separation } from '../theory/layouts';
import { assertFiniteMatrix, assertSameWidth, type Matrix } from '../theory/matrix';
import { assertInteger, assertPositive, fail } from '../theory/validate';
import { type AttentionLayerWeights, attentionLayer, disposeAttention } from './attention';
import { initBackend } from './backend';
import { centerUpdateWeights } from './center-update-layer';
import { eStepHeadWeights, eStepMask } from './estep-head';
import { disposeFeedForward, type FeedForwardWeights, feedForwardLayer } from './feed-forward';
import { mStepHeadWeights, mStepMask } from './mstep-head';
import { embedTokens, readSlot, tokenLayout } from './token-layout';

const { marginThreshold } = claimEntry('E1').constants;

/**
 * Temperature of the Lloyd construction's M-step head. Non-members are outscored by β_M and the
 * keep-previous self key by β_M/2 = 128; exp(−128) ≈ 2.6e-56 is below float32's smallest
 * subnormal (≈ 1.4e-45), so the head is an exact hard M-step in float32 (claims C2, E1).
 */
export const LLOYD_MSTEP_BETA = 256;

/**
 * The default E-step temperature assumes every point's margin g is at least this share of the
 * squared separation Δ̂_0² of the initial centers (documented in defaultLloydBeta).
 */
export const DEFAULT_MARGIN_SHARE = 0.01;

/**
 * Default E-step temperature β = 2·110/(0.01·Δ̂_0²), with Δ̂_0 = min_{a≠b} ‖μ⁰_a − μ⁰_b‖ (claim
 * E1). Then β·g/2 ≥ 110 for every point whose margin g is at least 1% of Δ̂_0², which holds on
 * well-separated instances, and the float32 scores stay about 2.2e4·(‖X‖/Δ̂_0)², whose rounding
 * (≈ 1e-3 for centered data) is far below the slack between 110 and the float32 underflow of
 * exp at ≈ 104. Data far from the origin (‖X‖ ≫ Δ̂_0) inflate that rounding; E1's margin
 * condition does not see it. For k = 1 there is no competitor and β = 1.
 */
export function defaultLloydBeta(initCenters: Matrix): number {
  if (initCenters.rows === 1) return 1;
  const delta = separation(initCenters);
  if (!(delta > 0)) fail('initCenters', 'two equal rows', 'distinct rows to choose a default beta (or pass beta)');
  return (2 * marginThreshold) / (DEFAULT_MARGIN_SHARE * delta * delta);
}

/** Size of the T-step Lloyd network as designed (claim E3); runs report what they applied. */
export interface LloydNetworkSize {
  /** Sublayers in all: attention plus fully connected. */
  readonly layers: number;
  readonly attentionLayers: number;
  readonly feedForwardLayers: number;
  /** Attention heads in all (one per attention layer). */
  readonly heads: number;
}

/**
 * Per Lloyd step: E-step attention (1 head), M-step attention (1 head), center-update fully
 * connected layer; plus one fully connected layer at the start (placing the initial centers) and
 * a final E-step (labels of the returned centers). Independent of k, n and d.
 */
export const LAYERS_PER_LLOYD_STEP = { attentionLayers: 2, feedForwardLayers: 1, heads: 2 } as const;

export function lloydNetworkSize(iterations: number): LloydNetworkSize {
  assertInteger('iterations', iterations, 1);
  const attentionLayers = LAYERS_PER_LLOYD_STEP.attentionLayers * iterations + 1;
  const feedForwardLayers = LAYERS_PER_LLOYD_STEP.feedForwardLayers * iterations + 1;
  return {
    layers: attentionLayers + feedForwardLayers,
    attentionLayers,
    feedForwardLayers,
    heads: LAYERS_PER_LLOYD_STEP.heads * iterations + 1,
  };
}

export interface AttentionLloydOptions {
  /** Number T of Lloyd steps (E-step then M-step), ≥ 1. */
  readonly iterations: number;
  /** E-step inverse temperature; default defaultLloydBeta(initCenters). */
  readonly beta?: number;
}

export interface AttentionLloydResult {
  /** Labels of the final centers (the final E-step's argmax; ties to the smallest index). */
  readonly labels: Int32Array;
  /** k×d final centers (float32 values held in float64). */
  readonly centers: Matrix;
  readonly iterations: number;
  /**
   * Sublayers and heads actually applied by this run (claim E3), counted as they are applied:
   * layers = attentionLayers + feedForwardLayers; heads summed over the attention sublayers.
   */
  readonly layers: number;
  readonly attentionLayers: number;
  readonly feedForwardLayers: number;
  readonly heads: number;
  /**
   * minMargins[t] = min_i β·g_i/2 at the centers after t steps, t = 0..T (one entry per E-step),
   * with g_i from eStepMargins in float64; +∞ when k = 1. E1's regime is every entry ≥ 110.
   */
  readonly minMargins: number[];
  /** The E-step temperature used. */
  readonly beta: number;
  readonly backend: string;
}

/**
 * T Lloyd steps by the hand-set transformer (claim E1): a center-update layer, then T blocks of
 * (E-step head with temperature β, M-step head with LLOYD_MSTEP_BETA and keep-previous for empty
 * clusters, center-update layer), then a final E-step head. See TokenLayout for the tokens.
 * Empty clusters keep their previous center, the theory policy (theory/mstep.ts). Runs in float32
 * on the active tfjs backend (initialising one if none is active); leaves no tensors behind.
 */
export async function runAttentionLloyd(
  points: Matrix,
  initCenters: Matrix,
  options: AttentionLloydOptions,
): Promise<AttentionLloydResult> {
  const iterations = assertInteger('iterations', options.iterations, 1);
  assertFiniteMatrix('points', points);
  assertFiniteMatrix('initCenters', initCenters);
  assertSameWidth('points', points, 'initCenters', initCenters);
  const beta = assertPositive('beta', options.beta ?? defaultLloydBeta(initCenters));
  const backend = await initBackend();
  const layout = tokenLayout(points.rows, points.cols, initCenters.rows);
  const update = centerUpdateWeights(layout);
  const eHead = eStepHeadWeights(layout, beta);
  const mHead = mStepHeadWeights(layout, { beta: LLOYD_MSTEP_BETA, keepEmpty: true });
  const eMask = eStepMask(layout);
  const mMask = mStepMask(layout, true);
  const snapshots: tf.Tensor3D[] = [];
  const snapshot = (tokens: tf.Tensor3D): void => {
    snapshots.push(tf.slice(tokens, [0, layout.firstCentroid, layout.center], [1, layout.k, layout.d]));
  };
  // Claim E3 counts what is applied, not what a formula says should be.
  const applied = { attentionLayers: 0, feedForwardLayers: 0, heads: 0 };
  const attend = (input: tf.Tensor3D, weights: AttentionLayerWeights, mask: tf.Tensor2D): tf.Tensor3D => {
    applied.attentionLayers++;
    applied.heads += weights.heads.length;
    return attentionLayer(input, weights, mask);
  };
  const feedForward = (input: tf.Tensor3D, weights: FeedForwardWeights): tf.Tensor3D => {
    applied.feedForwardLayers++;
    return feedForwardLayer(input, weights);
  };
  let tokens = tf.tidy(() => feedForward(embedTokens(layout, { points, centers: initCenters }), update));
  try {
    snapshot(tokens);
    for (let t = 0; t < iterations; t++) {
      const next = tf.tidy(() => feedForward(attend(attend(tokens, eHead, eMask), mHead, mMask), update));
      tokens.dispose();
      tokens = next;
      snapshot(tokens);
    }
    const last = tf.tidy(() => attend(tokens, eHead, eMask));
    tokens.dispose();
    tokens = last;
    const labels = argmaxRows(await readSlot(tokens, 0, layout.n, layout.resp, layout.k));
    const centersByStep: Matrix[] = [];
    for (const s of snapshots) centersByStep.push({ rows: layout.k, cols: layout.d, data: Float64Array.from(await s.data()) });
    const minMargins = centersByStep.map((c) => (beta * eStepMargins(points, c).reduce((m, g) => Math.min(m, g), Infinity)) / 2);
    return {
      labels,
      centers: centersByStep[iterations]!,
      iterations,
      layers: applied.attentionLayers + applied.feedForwardLayers,
      attentionLayers: applied.attentionLayers,
      feedForwardLayers: applied.feedForwardLayers,
      heads: applied.heads,
      minMargins,
      beta,
      backend,
    };
  } finally {
    tf.dispose([tokens, eMask, mMask, ...snapshots]);
    disposeFeedForward(update);
    disposeAttention(eHead);
    disposeAttention(mHead);
  }
}
