import * as tf from '@tensorflow/tfjs';
import type { WeightMap } from '../../models/dialogue/decode';
import type { DialogueTokenizer } from '../../models/dialogue/tokenizer';
import type { TransformerConfig } from '../../models/dialogue/transformer';
import { encodeRows, type ConditionedText, type Sequence } from './batches';
import { validationBpc } from './trainTransformer';

/**
 * Temperature scaling of the trained transformer (one scalar fitted on validation, as the
 * mixture's λ is): a network stopped on validation with dropout and a weight average is often
 * over-confident, and dividing its logits by a temperature fitted on held-out lines lowers its
 * bits/char without changing which token it ranks first. The scale is folded into the weights —
 * logits = LN(x)·g·tokᵀ + b·tokᵀ + outBias, so multiplying the final layer norm's gain and bias and
 * the output bias by s multiplies every logit by s — and the model keeps its architecture: the
 * browser, the key/value decoder and the scorer all use the calibrated distribution as is.
 */

/** Scales tried, 0.6 … 1.4 in steps of 0.025. */
export const SCALE_GRID = Array.from({ length: 33 }, (_, k) => Math.round((0.6 + 0.025 * k) * 1000) / 1000);

/** A copy of `weights` with every logit multiplied by `scale` (three new tensors; the caller owns them). */
export function foldLogitScale(weights: WeightMap, scale: number): WeightMap {
  return {
    ...weights,
    'lnf.g': tf.tidy(() => weights['lnf.g'].mul(scale)),
    'lnf.b': tf.tidy(() => weights['lnf.b'].mul(scale)),
    outBias: tf.tidy(() => weights.outBias.mul(scale)),
  };
}

export interface Calibration {
  scale: number;
  /** Bits/char of `sequences` before (scale 1) and after. */
  before: number;
  after: number;
}

/** The scale of SCALE_GRID (or 1) with the lowest bits/char on `sequences` (`chars` characters). */
export function fitLogitScale(weights: WeightMap, cfg: TransformerConfig, sequences: readonly Sequence[], chars: number): Calibration {
  const before = validationBpc(weights, cfg, sequences, chars);
  let best: Calibration = { scale: 1, before, after: before };
  for (const scale of SCALE_GRID) {
    if (scale === 1) continue;
    const scaled = foldLogitScale(weights, scale);
    const bpc = validationBpc(scaled, cfg, sequences, chars);
    tf.dispose([scaled['lnf.g'], scaled['lnf.b'], scaled.outBias]);
    if (bpc < best.after) best = { scale, before, after: bpc };
  }
  return best;
}

/**
 * Fits the scale on `validation` and folds it into `m.weights` in place (the three replaced
 * tensors are disposed); returns the fit.
 */
export function calibrateTransformer(m: { weights: WeightMap; config: TransformerConfig; tokenizer: DialogueTokenizer }, validation: readonly ConditionedText[]): Calibration {
  const sequences = encodeRows(m.tokenizer, validation, m.config.context).sequences;
  const fit = fitLogitScale(m.weights, m.config, sequences, validation.reduce((n, r) => n + r.text.length + 1, 0));
  if (fit.scale !== 1) {
    const folded = foldLogitScale(m.weights, fit.scale);
    tf.dispose([m.weights['lnf.g'], m.weights['lnf.b'], m.weights.outBias]);
    Object.assign(m.weights, folded);
  }
  return fit;
}
