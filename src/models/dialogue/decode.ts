import type * as tf from '@tensorflow/tfjs';
import type { TransformerConfig } from './transformer';

/**
 * Incremental decoding with a key/value cache, in plain JavaScript over the trained weights.
 * One position of a tiny model is ~0.5 M multiply-adds: plain loops do that in well under a
 * millisecond, while the same step as ~160 tfjs kernel calls costs several (per-op overhead
 * dominates at batch 1). It also makes sampling bit-identical in Node and every browser: the
 * arithmetic is ordinary IEEE doubles in a fixed order. All sequences of a batch advance
 * together (a finished one is fed padding and ignored), so they share one position counter.
 * Matches `forward` of transformer.ts (tested against it).
 */

export type WeightMap = Record<string, tf.Tensor>;

interface LayerWeights {
  ln1g: Float32Array; ln1b: Float32Array;
  wq: Float32Array; bq: Float32Array; wk: Float32Array; bk: Float32Array; wv: Float32Array; bv: Float32Array;
  wo: Float32Array; bo: Float32Array;
  ln2g: Float32Array; ln2b: Float32Array;
  w1: Float32Array; b1: Float32Array; w2: Float32Array; b2: Float32Array;
}

interface PlainWeights {
  tok: Float32Array;
  pos: Float32Array;
  outBias: Float32Array;
  lnfg: Float32Array;
  lnfb: Float32Array;
  layers: LayerWeights[];
}

const plainCache = new WeakMap<WeightMap, PlainWeights>();

/**
 * The weights as Float32Arrays (read from the tensors once per weight map). Matrices are stored
 * transposed, [out, in], so each output is one contiguous dot product (faster loops in JS).
 */
function plain(w: WeightMap, cfg: TransformerConfig): PlainWeights {
  let p = plainCache.get(w);
  if (!p) {
    const get = (name: string) => {
      const t = w[name];
      if (!t) throw new Error(`KvDecoder: weight "${name}" is missing`);
      const data = t.dataSync() as Float32Array;
      if (t.rank !== 2 || name === 'tok' || name === 'pos') return data;
      const [rows, cols] = t.shape;
      const out = new Float32Array(data.length);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j];
      return out;
    };
    p = {
      tok: get('tok'), pos: get('pos'), outBias: get('outBias'), lnfg: get('lnf.g'), lnfb: get('lnf.b'),
      layers: Array.from({ length: cfg.layers }, (_, l) => ({
        ln1g: get(`l${l}.ln1.g`), ln1b: get(`l${l}.ln1.b`),
        wq: get(`l${l}.wq`), bq: get(`l${l}.bq`), wk: get(`l${l}.wk`), bk: get(`l${l}.bk`), wv: get(`l${l}.wv`), bv: get(`l${l}.bv`),
        wo: get(`l${l}.wo`), bo: get(`l${l}.bo`),
        ln2g: get(`l${l}.ln2.g`), ln2b: get(`l${l}.ln2.b`),
        w1: get(`l${l}.w1`), b1: get(`l${l}.b1`), w2: get(`l${l}.w2`), b2: get(`l${l}.b2`),
      })),
    };
    plainCache.set(w, p);
  }
  return p;
}

/** Dot product of x with w[row … row + x.length), four lanes at a time (a fixed order: reproducible). */
function dot(x: Float64Array, w: Float32Array, row: number): number {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  const n4 = x.length - (x.length % 4);
  for (let i = 0; i < n4; i += 4) {
    a0 += x[i] * w[row + i];
    a1 += x[i + 1] * w[row + i + 1];
    a2 += x[i + 2] * w[row + i + 2];
    a3 += x[i + 3] * w[row + i + 3];
  }
  for (let i = n4; i < x.length; i++) a0 += x[i] * w[row + i];
  return a0 + a1 + (a2 + a3);
}

/** y = x·W + b, with W stored transposed ([out, in] row-major). */
function affine(x: Float64Array, wt: Float32Array, b: Float32Array, y: Float64Array): Float64Array {
  const n = x.length;
  for (let j = 0; j < y.length; j++) y[j] = b[j] + dot(x, wt, j * n);
  return y;
}

function layerNorm(x: Float64Array, g: Float32Array, b: Float32Array, y: Float64Array): Float64Array {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i];
  mean /= x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - mean) ** 2;
  const inv = 1 / Math.sqrt(v / x.length + 1e-5);
  for (let i = 0; i < x.length; i++) y[i] = (x[i] - mean) * inv * g[i] + b[i];
  return y;
}

export class KvDecoder {
  private readonly w: PlainWeights;
  private readonly keys: Float32Array[];
  private readonly values: Float32Array[];
  private position = 0;
  // Scratch buffers (one line at a time).
  private readonly x: Float64Array;
  private readonly a: Float64Array;
  private readonly q: Float64Array;
  private readonly k: Float64Array;
  private readonly v: Float64Array;
  private readonly ctx: Float64Array;
  private readonly o: Float64Array;
  private readonly hidden: Float64Array;
  private readonly scores: Float64Array;

  /** weights: the trained parameters by name (see paramShapes); batch: sequences per step. */
  constructor(weights: WeightMap, private readonly cfg: TransformerConfig, readonly batch: number) {
    this.w = plain(weights, cfg);
    const d = cfg.dModel;
    this.keys = Array.from({ length: cfg.layers }, () => new Float32Array(batch * cfg.context * d));
    this.values = Array.from({ length: cfg.layers }, () => new Float32Array(batch * cfg.context * d));
    [this.x, this.a, this.q, this.k, this.v, this.ctx, this.o] = Array.from({ length: 7 }, () => new Float64Array(d));
    this.hidden = new Float64Array(cfg.ffn);
    this.scores = new Float64Array(cfg.context);
  }

  get length(): number {
    return this.position;
  }

  /**
   * Feeds one token per sequence and returns the next-token probabilities, [batch × vocab] in
   * one Float32Array (row b at b·vocab). Sequences with `active[b] === 0` are skipped (their row
   * stays 0; a finished line costs nothing). Throws past the context length.
   */
  step(tokens: Int32Array, active?: ArrayLike<number>): Float32Array {
    const { cfg } = this;
    if (tokens.length !== this.batch) throw new Error(`KvDecoder.step: ${tokens.length} tokens for a batch of ${this.batch}`);
    if (this.position >= cfg.context) throw new Error(`KvDecoder.step: context of ${cfg.context} tokens is full`);
    const out = new Float32Array(this.batch * cfg.vocabSize);
    for (let b = 0; b < this.batch; b++) {
      if (!active || active[b]) this.stepOne(b, tokens[b], out.subarray(b * cfg.vocabSize, (b + 1) * cfg.vocabSize));
    }
    this.position++;
    return out;
  }

  private stepOne(b: number, token: number, probs: Float32Array): void {
    const { cfg, w, x, a, q, k, v, ctx, o, hidden, scores } = this;
    const d = cfg.dModel;
    const dh = d / cfg.heads;
    const t = this.position;
    const scale = 1 / Math.sqrt(dh);
    for (let i = 0; i < d; i++) x[i] = w.tok[token * d + i] + w.pos[t * d + i];
    for (let l = 0; l < cfg.layers; l++) {
      const L = w.layers[l];
      layerNorm(x, L.ln1g, L.ln1b, a);
      affine(a, L.wq, L.bq, q);
      affine(a, L.wk, L.bk, k);
      affine(a, L.wv, L.bv, v);
      const base = b * cfg.context * d;
      this.keys[l].set(k, base + t * d);
      this.values[l].set(v, base + t * d);
      const K = this.keys[l];
      const V = this.values[l];
      for (let h = 0; h < cfg.heads; h++) {
        const off = h * dh;
        let max = -Infinity;
        for (let s = 0; s <= t; s++) {
          let dot = 0;
          const row = base + s * d + off;
          for (let j = 0; j < dh; j++) dot += q[off + j] * K[row + j];
          scores[s] = dot * scale;
          if (scores[s] > max) max = scores[s];
        }
        let sum = 0;
        for (let s = 0; s <= t; s++) sum += scores[s] = Math.exp(scores[s] - max);
        for (let j = 0; j < dh; j++) ctx[off + j] = 0;
        for (let s = 0; s <= t; s++) {
          const p = scores[s] / sum;
          const row = base + s * d + off;
          for (let j = 0; j < dh; j++) ctx[off + j] += p * V[row + j];
        }
      }
      affine(ctx, L.wo, L.bo, o);
      for (let i = 0; i < d; i++) x[i] += o[i];
      layerNorm(x, L.ln2g, L.ln2b, a);
      affine(a, L.w1, L.b1, hidden);
      for (let i = 0; i < hidden.length; i++) hidden[i] *= 1 / (1 + Math.exp(-1.702 * hidden[i]));
      affine(hidden, L.w2, L.b2, o);
      for (let i = 0; i < d; i++) x[i] += o[i];
    }
    layerNorm(x, w.lnfg, w.lnfb, a);
    let max = -Infinity;
    const logits = new Float64Array(cfg.vocabSize);
    for (let u = 0; u < cfg.vocabSize; u++) {
      const z = w.outBias[u] + dot(a, w.tok, u * d);
      logits[u] = z;
      if (z > max) max = z;
    }
    let sum = 0;
    for (let u = 0; u < cfg.vocabSize; u++) sum += logits[u] = Math.exp(logits[u] - max);
    for (let u = 0; u < cfg.vocabSize; u++) probs[u] = logits[u] / sum;
  }

  /** Nothing to free (plain arrays); kept so callers can treat decoders uniformly. */
  dispose(): void {}
}
