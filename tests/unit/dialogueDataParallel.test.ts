import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DialogueTokenizer } from '../../src/models/dialogue/tokenizer';
import { initParams, type TransformerConfig } from '../../src/models/dialogue/transformer';
import { batchArrays, encodeRows, shardBatch, type Sequence } from '../../src/train/dialogue/batches';
import { GradientComputer } from '../../src/train/dialogue/gradients';
import { DEFAULT_TRAIN_OPTIONS, trainTransformer } from '../../src/train/dialogue/trainTransformer';
import { initTfNode } from '../../src/train/tfNode';
import { TINY_ROWS } from './dialogueRows';

// Seven rows, so that three shards are uneven.
const ROWS = [...TINY_ROWS, { role: 'elder', situation: 'farewell', text: 'Go well, and mind the old road.' }];

let sequences: Sequence[];
let cfg: TransformerConfig;

beforeAll(async () => {
  await initTfNode();
  const tok = DialogueTokenizer.train(ROWS.map((r) => r.text), ['elder', 'guard', 'merchant'], ['farewell', 'greeting', 'hint', 'trade', 'warning'], 40);
  sequences = encodeRows(tok, ROWS, 40).sequences;
  cfg = { vocabSize: tok.size, context: 40, dModel: 16, heads: 2, layers: 2, ffn: 32, condition: 'every' };
});

describe('data-parallel training', () => {
  it('shards a batch into every n-th row, each cut to its own longest row, keeping every token', () => {
    const all = ROWS.map((_, i) => i);
    const b = batchArrays(sequences, all);
    const shards = shardBatch(b, 3);
    expect(shards.map((s) => s.rows)).toEqual([3, 2, 2]);
    expect(shards.reduce((n, s) => n + s.tokens, 0)).toBe(b.tokens);
    shards.forEach((s, k) => {
      const own = all.filter((i) => i % 3 === k);
      expect(s.cols).toBe(Math.max(...own.map((i) => sequences[i].ids.length)) - 1);
      expect(s).toEqual(batchArrays(sequences, own));
    });
    expect(shardBatch(batchArrays(sequences, [0, 1]), 4)).toHaveLength(2);
  });

  it('two threads give the gradient of the whole batch, as one thread does; tensors stay flat', async () => {
    const params = initParams(cfg, 7);
    const batch = batchArrays(sequences, ROWS.map((_, i) => i));
    const one = GradientComputer.create(params, cfg, { dropout: 0, labelSmoothing: 0 }, 1);
    const two = GradientComputer.create(params, cfg, { dropout: 0, labelSmoothing: 0 }, 2);
    try {
      const a = await one.compute(batch, 1);
      const before = tf.memory().numTensors;
      for (let rep = 0; rep < 2; rep++) {
        const b = await two.compute(batch, 1);
        expect(b.loss).toBeCloseTo(a.loss, 5);
        for (const name of Object.keys(params)) {
          const diff = tf.tidy(() => b.grads[name].sub(a.grads[name]).abs().max().dataSync()[0]);
          const scale = tf.tidy(() => a.grads[name].abs().max().dataSync()[0]);
          expect(diff, name).toBeLessThanOrEqual(1e-5 * Math.max(1, scale));
        }
        tf.dispose(Object.values(b.grads));
        expect(tf.memory().numTensors).toBe(before);
      }
      tf.dispose(Object.values(a.grads));
    } finally {
      await Promise.all([one.dispose(), two.dispose()]);
      tf.dispose(Object.values(params));
    }
  });

  it('trains on two threads: reproducible per thread count, lowers validation bits/char', async () => {
    const opts = { ...DEFAULT_TRAIN_OPTIONS, merges: 40, dModel: 16, heads: 2, ffn: 32, context: 40, steps: 24, evalEvery: 8, warmup: 4, lr: 1e-2, dropout: 0.1, patience: 5, batchSize: 6, resample: 0, distill: 0, threads: 2 };
    const before = tf.memory().numTensors;
    const runs = [await trainTransformer(ROWS, ROWS, opts), await trainTransformer(ROWS, ROWS, opts)];
    expect(runs[0].history.map((p) => p.valBpc)).toEqual(runs[1].history.map((p) => p.valBpc));
    const first = runs[0].history.find((p) => p.valBpc !== undefined)!.valBpc!;
    expect(runs[0].bestValBpc).toBeLessThan(first);
    for (const name of Object.keys(runs[0].weights)) expect(runs[0].weights[name].dataSync()).toEqual(runs[1].weights[name].dataSync());
    for (const r of runs) tf.dispose(Object.values(r.weights));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a stopped worker fails the step with a clear error instead of waiting for it', async () => {
    const params = initParams(cfg, 3);
    const g = GradientComputer.create(params, cfg, { dropout: 0, labelSmoothing: 0 }, 2);
    await g.dispose();
    await expect(g.compute(batchArrays(sequences, [0, 1, 2, 3]), 1)).rejects.toThrow(/gradient worker 1 stopped/);
    tf.dispose(Object.values(params));
  });

  it('refuses a thread count that is not a whole number ≥ 1', () => {
    const params = initParams(cfg, 1);
    expect(() => GradientComputer.create(params, cfg, { dropout: 0, labelSmoothing: 0 }, 0)).toThrow(/threads must be a whole number/);
    tf.dispose(Object.values(params));
  });
});
