import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../core/rng';
import { EOS, PAD, UNK, type DialogueTokenizer } from '../../models/dialogue/tokenizer';

/**
 * Training sequences for the transformer: `[role, situation, t1 … tn, <eos>]`, cut into
 * input (all but the last) and target (all but the first). The first target (the situation token,
 * given, not predicted) has weight 0, like padding. Batches group sequences of similar length so
 * little compute goes to padding.
 */

export interface Sequence {
  ids: number[];
}

export interface ConditionedText {
  role: string;
  situation: string;
  text: string;
}

/** Encodes rows; sequences longer than `context + 1` are cut (and counted). */
export function encodeRows(tok: DialogueTokenizer, rows: readonly ConditionedText[], context: number): { sequences: Sequence[]; truncated: number } {
  let truncated = 0;
  const sequences = rows.map((r) => {
    const ids = [tok.roleToken(r.role), tok.situationToken(r.situation), ...tok.encode(r.text), EOS];
    if (ids.length > context + 1) {
      truncated++;
      return { ids: ids.slice(0, context + 1) };
    }
    return { ids };
  });
  return { sequences, truncated };
}

export interface Batch {
  inputs: tf.Tensor2D;
  targets: tf.Tensor2D;
  weights: tf.Tensor2D;
  /** Predicted tokens in the batch (sum of weights). */
  tokens: number;
}

/**
 * Index lists of length-sorted batches, in an order shuffled by `rng` (or fixed without one), over
 * all sequences or the indices in `subset`.
 */
export function batchPlan(sequences: readonly Sequence[], batchSize: number, rng?: Rng, subset?: readonly number[]): number[][] {
  const order = (subset ?? sequences.map((_, i) => i)).map((i) => [sequences[i].ids.length, rng ? rng.next() : 0, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const batches: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) batches.push(order.slice(i, i + batchSize).map((o) => o[2]));
  return rng ? rng.shuffle(batches) : batches;
}

/**
 * Tensors of one batch (caller disposes). With `noise`, each input text token is replaced by
 * `<unk>` with probability `noise.rate` (targets untouched): the model cannot lean on every
 * earlier token, much as a backoff chain falls back to shorter contexts.
 */
export function makeBatch(sequences: readonly Sequence[], indices: readonly number[], noise?: { rate: number; rng: Rng }): Batch {
  const t = Math.max(...indices.map((i) => sequences[i].ids.length)) - 1;
  const n = indices.length;
  const inp = new Int32Array(n * t).fill(PAD);
  const tgt = new Int32Array(n * t).fill(PAD);
  const w = new Float32Array(n * t);
  let tokens = 0;
  indices.forEach((si, row) => {
    const ids = sequences[si].ids;
    for (let j = 0; j < ids.length - 1; j++) {
      inp[row * t + j] = noise && j >= 2 && noise.rng.next() < noise.rate ? UNK : ids[j];
      tgt[row * t + j] = ids[j + 1];
      if (j >= 1) {
        w[row * t + j] = 1;
        tokens++;
      }
    }
  });
  return { inputs: tf.tensor2d(inp, [n, t], 'int32'), targets: tf.tensor2d(tgt, [n, t], 'int32'), weights: tf.tensor2d(w, [n, t]), tokens };
}

export function disposeBatch(b: Batch): void {
  tf.dispose([b.inputs, b.targets, b.weights]);
}
