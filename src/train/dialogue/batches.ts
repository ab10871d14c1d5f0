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

/** A batch as plain arrays (row-major `rows × cols`), before it becomes tensors. */
export interface BatchArrays {
  inputs: Int32Array;
  targets: Int32Array;
  weights: Float32Array;
  rows: number;
  cols: number;
  /** Predicted tokens (sum of weights). */
  tokens: number;
}

/**
 * The arrays of one batch. With `noise`, each input text token is replaced by `<unk>` with
 * probability `noise.rate` (targets untouched): the model cannot lean on every earlier token, much
 * as a backoff chain falls back to shorter contexts.
 */
export function batchArrays(sequences: readonly Sequence[], indices: readonly number[], noise?: { rate: number; rng: Rng }): BatchArrays {
  const cols = Math.max(...indices.map((i) => sequences[i].ids.length)) - 1;
  const rows = indices.length;
  const inputs = new Int32Array(rows * cols).fill(PAD);
  const targets = new Int32Array(rows * cols).fill(PAD);
  const weights = new Float32Array(rows * cols);
  let tokens = 0;
  indices.forEach((si, row) => {
    const ids = sequences[si].ids;
    for (let j = 0; j < ids.length - 1; j++) {
      inputs[row * cols + j] = noise && j >= 2 && noise.rng.next() < noise.rate ? UNK : ids[j];
      targets[row * cols + j] = ids[j + 1];
      if (j >= 1) {
        weights[row * cols + j] = 1;
        tokens++;
      }
    }
  });
  return { inputs, targets, weights, rows, cols, tokens };
}

/**
 * Splits a batch into `count` shards of every `count`-th row (a length-sorted batch gives shards of
 * nearly equal work), each cut to its own longest row. Empty shards are left out.
 */
export function shardBatch(b: BatchArrays, count: number): BatchArrays[] {
  const shards: BatchArrays[] = [];
  for (let s = 0; s < Math.min(count, b.rows); s++) {
    const rowIds: number[] = [];
    for (let r = s; r < b.rows; r += count) rowIds.push(r);
    let cols = 1;
    for (const r of rowIds) for (let j = 0; j < b.cols; j++) if (b.weights[r * b.cols + j] > 0) cols = Math.max(cols, j + 1);
    const out: BatchArrays = { inputs: new Int32Array(rowIds.length * cols), targets: new Int32Array(rowIds.length * cols), weights: new Float32Array(rowIds.length * cols), rows: rowIds.length, cols, tokens: 0 };
    rowIds.forEach((r, k) => {
      for (let j = 0; j < cols; j++) {
        out.inputs[k * cols + j] = b.inputs[r * b.cols + j];
        out.targets[k * cols + j] = b.targets[r * b.cols + j];
        out.weights[k * cols + j] = b.weights[r * b.cols + j];
        out.tokens += b.weights[r * b.cols + j];
      }
    });
    shards.push(out);
  }
  return shards;
}

/** Tensors of batch arrays (caller disposes). */
export function batchTensors(a: BatchArrays): Batch {
  return {
    inputs: tf.tensor2d(a.inputs, [a.rows, a.cols], 'int32'),
    targets: tf.tensor2d(a.targets, [a.rows, a.cols], 'int32'),
    weights: tf.tensor2d(a.weights, [a.rows, a.cols]),
    tokens: a.tokens,
  };
}

/** Tensors of one batch (caller disposes); see `batchArrays` for `noise`. */
export function makeBatch(sequences: readonly Sequence[], indices: readonly number[], noise?: { rate: number; rng: Rng }): Batch {
  return batchTensors(batchArrays(sequences, indices, noise));
}

export function disposeBatch(b: Batch): void {
  tf.dispose([b.inputs, b.targets, b.weights]);
}
