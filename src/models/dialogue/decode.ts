import * as tf from '@tensorflow/tfjs';
import { layerNorm, gelu, type TransformerConfig } from './transformer';

/**
 * Incremental decoding with a key/value cache: each step feeds one token per sequence and costs
 * one position's work, not the whole prefix's. All sequences of a batch advance together (a
 * sequence that has finished is fed padding and ignored), so they share one position counter.
 */

export type WeightMap = Record<string, tf.Tensor>;

export class KvDecoder {
  private keys: tf.Tensor3D[] = [];
  private values: tf.Tensor3D[] = [];
  private readonly tokT: tf.Tensor2D;
  private position = 0;

  /** weights: the trained parameters by name (see paramShapes); batch: sequences per step. */
  constructor(private readonly w: WeightMap, private readonly cfg: TransformerConfig, readonly batch: number) {
    this.tokT = tf.keep(w.tok.transpose() as tf.Tensor2D);
  }

  get length(): number {
    return this.position;
  }

  /**
   * Feeds one token per sequence and returns the next-token probabilities, [batch × vocab] in
   * one Float32Array (row b at b·vocab). Throws past the context length.
   */
  step(tokens: Int32Array): Float32Array {
    const { cfg, w } = this;
    const { dModel: d, heads: h } = cfg;
    const b = this.batch;
    const dh = d / h;
    if (tokens.length !== b) throw new Error(`KvDecoder.step: ${tokens.length} tokens for a batch of ${b}`);
    if (this.position >= cfg.context) throw new Error(`KvDecoder.step: context of ${cfg.context} tokens is full`);
    const t = this.position;
    const out = tf.tidy(() => {
      const ids = tf.tensor1d(tokens, 'int32');
      let x: tf.Tensor = tf.gather(w.tok, ids).add(w.pos.slice([t, 0], [1, d]));
      const newKeys: tf.Tensor3D[] = [];
      const newValues: tf.Tensor3D[] = [];
      for (let l = 0; l < cfg.layers; l++) {
        const a = layerNorm(x, w[`l${l}.ln1.g`], w[`l${l}.ln1.b`]) as tf.Tensor2D;
        const lin = (name: string) => tf.fused.matMul({ a, b: w[`l${l}.w${name}`] as tf.Tensor2D, bias: w[`l${l}.b${name}`] });
        const q = lin('q').reshape([b * h, 1, dh]);
        const k = lin('k').reshape([b * h, dh, 1]);
        const v = lin('v').reshape([b * h, 1, dh]);
        const keys = (t === 0 ? k : tf.concat([this.keys[l], k], 2)) as tf.Tensor3D;
        const values = (t === 0 ? v : tf.concat([this.values[l], v], 1)) as tf.Tensor3D;
        newKeys.push(tf.keep(keys));
        newValues.push(tf.keep(values));
        const att = tf.softmax(q.matMul(keys).mul(1 / Math.sqrt(dh)));
        const ctx = att.matMul(values).reshape([b, d]) as tf.Tensor2D;
        x = x.add(tf.fused.matMul({ a: ctx, b: w[`l${l}.wo`] as tf.Tensor2D, bias: w[`l${l}.bo`] }));
        const m = layerNorm(x, w[`l${l}.ln2.g`], w[`l${l}.ln2.b`]) as tf.Tensor2D;
        const hidden = gelu(tf.fused.matMul({ a: m, b: w[`l${l}.w1`] as tf.Tensor2D, bias: w[`l${l}.b1`] })) as tf.Tensor2D;
        x = x.add(tf.fused.matMul({ a: hidden, b: w[`l${l}.w2`] as tf.Tensor2D, bias: w[`l${l}.b2`] }));
      }
      const f = layerNorm(x, w['lnf.g'], w['lnf.b']) as tf.Tensor2D;
      const probs = tf.softmax(tf.fused.matMul({ a: f, b: this.tokT, bias: w.outBias }));
      return { probs, newKeys, newValues };
    });
    tf.dispose([...this.keys, ...this.values]);
    this.keys = out.newKeys;
    this.values = out.newValues;
    this.position++;
    const data = out.probs.dataSync() as Float32Array;
    out.probs.dispose();
    return data;
  }

  /** Frees the cache (the weights belong to the caller). */
  dispose(): void {
    tf.dispose([...this.keys, ...this.values, this.tokT]);
    this.keys = [];
    this.values = [];
  }
}
