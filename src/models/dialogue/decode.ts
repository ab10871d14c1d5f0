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

/**
 * Y[r] = X[r]·W + b for `rows` rows packed in X ([rows × n]) → Y ([rows × m]), W stored
 * transposed ([m × n]). Each output is two partial sums, over even and odd inputs, added at the
 * end: independent sums keep the CPU's adders busy, where one running sum waits on itself. Rows
 * go three at a time and outputs two at a time, so each load of X or W feeds several sums; the
 * rows left over go one at a time, and an odd last output alone (`dot`). Every path sums an
 * output in the same order, so a row's result never depends on the other rows of the batch.
 * Against one running sum per output with four rows per weight load (scratch micro-benchmark,
 * Node 20): 2.1× faster for a lone row, about 25 % for a batch.
 */
function affineRows(X: Float64Array, rows: number, n: number, wt: Float32Array, b: Float32Array, Y: Float64Array, m: number): void {
  const even = n - (n % 2);
  const odd = n % 2 === 1; // the last input joins the even sum
  const pairs = m - (m % 2);
  /** One output: row offset o of X, row offset w of W. */
  const dot = (o: number, w: number): number => {
    let e = 0;
    let d = 0;
    for (let i = 0; i < even; i += 2) {
      e += X[o + i] * wt[w + i];
      d += X[o + i + 1] * wt[w + i + 1];
    }
    if (odd) e += X[o + even] * wt[w + even];
    return e + d;
  };
  let r = 0;
  for (; r + 3 <= rows; r += 3) {
    const o0 = r * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    for (let j = 0; j < pairs; j += 2) {
      const w0 = j * n;
      const w1 = w0 + n;
      let e00 = 0, d00 = 0, e10 = 0, d10 = 0, e20 = 0, d20 = 0; // rows 0–2, output j
      let e01 = 0, d01 = 0, e11 = 0, d11 = 0, e21 = 0, d21 = 0; // rows 0–2, output j + 1
      for (let i = 0; i < even; i += 2) {
        const x0 = X[o0 + i], y0 = X[o0 + i + 1], x1 = X[o1 + i], y1 = X[o1 + i + 1], x2 = X[o2 + i], y2 = X[o2 + i + 1]; // even, odd input of rows 0–2
        const a = wt[w0 + i], c = wt[w0 + i + 1], a1 = wt[w1 + i], c1 = wt[w1 + i + 1]; // even, odd weight of outputs j, j + 1
        e00 += x0 * a; d00 += y0 * c; e10 += x1 * a; d10 += y1 * c; e20 += x2 * a; d20 += y2 * c;
        e01 += x0 * a1; d01 += y0 * c1; e11 += x1 * a1; d11 += y1 * c1; e21 += x2 * a1; d21 += y2 * c1;
      }
      if (odd) {
        const a = wt[w0 + even];
        const a1 = wt[w1 + even];
        e00 += X[o0 + even] * a; e10 += X[o1 + even] * a; e20 += X[o2 + even] * a;
        e01 += X[o0 + even] * a1; e11 += X[o1 + even] * a1; e21 += X[o2 + even] * a1;
      }
      const y = r * m + j;
      Y[y] = b[j] + (e00 + d00);
      Y[y + m] = b[j] + (e10 + d10);
      Y[y + 2 * m] = b[j] + (e20 + d20);
      Y[y + 1] = b[j + 1] + (e01 + d01);
      Y[y + m + 1] = b[j + 1] + (e11 + d11);
      Y[y + 2 * m + 1] = b[j + 1] + (e21 + d21);
    }
    if (pairs < m) for (let k = 0; k < 3; k++) Y[(r + k) * m + pairs] = b[pairs] + dot((r + k) * n, pairs * n);
  }
  for (; r < rows; r++) {
    const o = r * n;
    for (let j = 0; j < pairs; j += 2) {
      const w0 = j * n;
      const w1 = w0 + n;
      let e0 = 0, d0 = 0, e1 = 0, d1 = 0; // outputs j and j + 1
      for (let i = 0; i < even; i += 2) {
        const x0 = X[o + i];
        const x1 = X[o + i + 1];
        e0 += x0 * wt[w0 + i];
        d0 += x1 * wt[w0 + i + 1];
        e1 += x0 * wt[w1 + i];
        d1 += x1 * wt[w1 + i + 1];
      }
      if (odd) {
        e0 += X[o + even] * wt[w0 + even];
        e1 += X[o + even] * wt[w1 + even];
      }
      Y[r * m + j] = b[j] + (e0 + d0);
      Y[r * m + j + 1] = b[j + 1] + (e1 + d1);
    }
    if (pairs < m) Y[r * m + pairs] = b[pairs] + dot(o, pairs * n);
  }
}

/** Layer norm of each of `rows` rows of width n. */
function layerNormRows(X: Float64Array, rows: number, n: number, g: Float32Array, b: Float32Array, Y: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += X[o + i];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (X[o + i] - mean) ** 2;
    const inv = 1 / Math.sqrt(v / n + 1e-5);
    for (let i = 0; i < n; i++) Y[o + i] = (X[o + i] - mean) * inv * g[i] + b[i];
  }
}

export class KvDecoder {
  private readonly w: PlainWeights;
  private readonly keys: Float32Array[];
  private readonly values: Float32Array[];
  private position = 0;
  /** Role and situation token of each sequence (positions 0 and 1), for `condition: 'every'`. */
  private readonly prefix: Int32Array;
  // Scratch buffers, one row per active sequence.
  private readonly x: Float64Array;
  private readonly a: Float64Array;
  private readonly q: Float64Array;
  private readonly k: Float64Array;
  private readonly v: Float64Array;
  private readonly ctx: Float64Array;
  private readonly o: Float64Array;
  private readonly hidden: Float64Array;
  private readonly logits: Float64Array;
  private readonly scores: Float64Array;

  /** weights: the trained parameters by name (see paramShapes); batch: sequences per step. */
  constructor(weights: WeightMap, private readonly cfg: TransformerConfig, readonly batch: number) {
    this.w = plain(weights, cfg);
    const d = cfg.dModel;
    this.keys = Array.from({ length: cfg.layers }, () => new Float32Array(batch * cfg.context * d));
    this.values = Array.from({ length: cfg.layers }, () => new Float32Array(batch * cfg.context * d));
    [this.x, this.a, this.q, this.k, this.v, this.ctx, this.o] = Array.from({ length: 7 }, () => new Float64Array(batch * d));
    this.hidden = new Float64Array(batch * cfg.ffn);
    this.logits = new Float64Array(batch * cfg.vocabSize);
    this.scores = new Float64Array(cfg.context);
    this.prefix = new Int32Array(batch * 2);
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
    const { cfg, w, x, a, q, k, v, ctx, o, hidden, logits } = this;
    if (tokens.length !== this.batch) throw new Error(`KvDecoder.step: ${tokens.length} tokens for a batch of ${this.batch}`);
    if (this.position >= cfg.context) throw new Error(`KvDecoder.step: context of ${cfg.context} tokens is full`);
    const out = new Float32Array(this.batch * cfg.vocabSize);
    const rows: number[] = [];
    for (let b = 0; b < this.batch; b++) if (!active || active[b]) rows.push(b);
    const n = rows.length;
    const d = cfg.dModel;
    const t = this.position;
    rows.forEach((b, r) => {
      const token = tokens[b];
      for (let i = 0; i < d; i++) x[r * d + i] = w.tok[token * d + i] + w.pos[t * d + i];
      if (t < 2) this.prefix[b * 2 + t] = token;
      else if (cfg.condition === 'every') {
        const ro = this.prefix[b * 2] * d;
        const so = this.prefix[b * 2 + 1] * d;
        for (let i = 0; i < d; i++) x[r * d + i] += w.tok[ro + i] + w.tok[so + i];
      }
    });
    for (let l = 0; l < cfg.layers; l++) {
      const L = w.layers[l];
      layerNormRows(x, n, d, L.ln1g, L.ln1b, a);
      affineRows(a, n, d, L.wq, L.bq, q, d);
      affineRows(a, n, d, L.wk, L.bk, k, d);
      affineRows(a, n, d, L.wv, L.bv, v, d);
      rows.forEach((b, r) => this.attend(l, b, r));
      affineRows(ctx, n, d, L.wo, L.bo, o, d);
      for (let i = 0; i < n * d; i++) x[i] += o[i];
      layerNormRows(x, n, d, L.ln2g, L.ln2b, a);
      affineRows(a, n, d, L.w1, L.b1, hidden, cfg.ffn);
      for (let i = 0; i < n * cfg.ffn; i++) hidden[i] *= 1 / (1 + Math.exp(-1.702 * hidden[i]));
      affineRows(hidden, n, cfg.ffn, L.w2, L.b2, o, d);
      for (let i = 0; i < n * d; i++) x[i] += o[i];
    }
    layerNormRows(x, n, d, w.lnfg, w.lnfb, a);
    const vs = cfg.vocabSize;
    affineRows(a, n, d, w.tok, w.outBias, logits, vs);
    rows.forEach((b, r) => {
      let max = -Infinity;
      for (let u = 0; u < vs; u++) if (logits[r * vs + u] > max) max = logits[r * vs + u];
      let sum = 0;
      for (let u = 0; u < vs; u++) sum += logits[r * vs + u] = Math.exp(logits[r * vs + u] - max);
      for (let u = 0; u < vs; u++) out[b * vs + u] = logits[r * vs + u] / sum;
    });
    this.position++;
    return out;
  }

  /**
   * Starts row `to` as a branch of row `from`: it takes that row's cached keys and values of the
   * positions fed so far (and its role and situation), so the next step continues `from`'s prefix
   * in `to`. Sequences that share a prefix decode it once (transformerBitsOf).
   */
  fork(from: number, to: number): void {
    const { batch, cfg } = this;
    if (![from, to].every((b) => Number.isInteger(b) && b >= 0 && b < batch)) throw new Error(`KvDecoder.fork: rows ${from} → ${to} outside a batch of ${batch}`);
    const row = cfg.context * cfg.dModel;
    const used = this.position * cfg.dModel;
    for (const cache of [...this.keys, ...this.values]) cache.copyWithin(to * row, from * row, from * row + used);
    this.prefix.copyWithin(to * 2, from * 2, from * 2 + 2);
  }

  /** Causal self-attention of sequence b (scratch row r) at the current position, layer l. */
  private attend(l: number, b: number, r: number): void {
    const { cfg, q, k, v, ctx, scores } = this;
    const d = cfg.dModel;
    const dh = d / cfg.heads;
    const t = this.position;
    const scale = 1 / Math.sqrt(dh);
    const base = b * cfg.context * d;
    const K = this.keys[l];
    const V = this.values[l];
    K.set(k.subarray(r * d, (r + 1) * d), base + t * d);
    V.set(v.subarray(r * d, (r + 1) * d), base + t * d);
    for (let h = 0; h < cfg.heads; h++) {
      const off = h * dh;
      const qo = r * d + off;
      const co = r * d + off;
      let max = -Infinity;
      for (let s = 0; s <= t; s++) {
        let dot = 0;
        const row = base + s * d + off;
        for (let j = 0; j < dh; j++) dot += q[qo + j] * K[row + j];
        scores[s] = dot * scale;
        if (scores[s] > max) max = scores[s];
      }
      let sum = 0;
      for (let s = 0; s <= t; s++) sum += scores[s] = Math.exp(scores[s] - max);
      for (let j = 0; j < dh; j++) ctx[co + j] = 0;
      for (let s = 0; s <= t; s++) {
        const p = scores[s] / sum;
        const row = base + s * d + off;
        for (let j = 0; j < dh; j++) ctx[co + j] += p * V[row + j];
      }
    }
  }

  /** Nothing to free (plain arrays); kept so callers can treat decoders uniformly. */
  dispose(): void {}
}
