import * as tf from '@tensorflow/tfjs';

/**
 * The tiny decoder-only transformer, written with tfjs ops (not layers) so the sampler can cache
 * keys and values. Pre-layer-norm blocks of causal multi-head self-attention and a GELU MLP;
 * learned positions; the output projection is the transposed token embedding (tied weights, fewer
 * parameters to overfit). Input `[role, situation, t1 … tn]`; the logits at position i predict
 * token i+1. Every matMul is 2-D or an untransposed batched product (fast on wasm).
 */

export interface TransformerConfig {
  vocabSize: number;
  /** Longest input sequence (prefix + tokens). */
  context: number;
  dModel: number;
  heads: number;
  layers: number;
  /** Hidden width of the MLP. */
  ffn: number;
  /**
   * 'every': the role and situation embeddings are also added to every text position (from
   * position 2 on), so the condition never has to be fetched through attention. Absent or
   * 'prefix': the prefix tokens alone carry it (models trained before this option).
   */
  condition?: 'prefix' | 'every';
}

export type TransformerParams = Record<string, tf.Variable>;

/** Parameter names and shapes, in the order they are saved. */
export function paramShapes(cfg: TransformerConfig): [string, number[]][] {
  const { vocabSize: v, context: t, dModel: d, ffn: f } = cfg;
  const out: [string, number[]][] = [
    ['tok', [v, d]],
    ['pos', [t, d]],
    ['outBias', [v]],
    ['lnf.g', [d]],
    ['lnf.b', [d]],
  ];
  for (let l = 0; l < cfg.layers; l++) {
    out.push(
      [`l${l}.ln1.g`, [d]], [`l${l}.ln1.b`, [d]],
      [`l${l}.wq`, [d, d]], [`l${l}.bq`, [d]],
      [`l${l}.wk`, [d, d]], [`l${l}.bk`, [d]],
      [`l${l}.wv`, [d, d]], [`l${l}.bv`, [d]],
      [`l${l}.wo`, [d, d]], [`l${l}.bo`, [d]],
      [`l${l}.ln2.g`, [d]], [`l${l}.ln2.b`, [d]],
      [`l${l}.w1`, [d, f]], [`l${l}.b1`, [f]],
      [`l${l}.w2`, [f, d]], [`l${l}.b2`, [d]],
    );
  }
  return out;
}

export function parameterCount(cfg: TransformerConfig): number {
  return paramShapes(cfg).reduce((n, [, s]) => n + s.reduce((a, b) => a * b, 1), 0);
}

/** Fresh parameters: N(0, 0.02) weights (residual outputs scaled by 1/√(2·layers)), seeded. */
export function initParams(cfg: TransformerConfig, seed: number): TransformerParams {
  const params: TransformerParams = {};
  paramShapes(cfg).forEach(([name, shape], i) => {
    const isGain = name.endsWith('.g');
    const isBias = shape.length === 1 && !isGain;
    const std = /\.(wo|w2)$/.test(name) ? 0.02 / Math.sqrt(2 * cfg.layers) : 0.02;
    const init = isGain ? tf.ones(shape) : isBias ? tf.zeros(shape) : tf.randomNormal(shape, 0, std, 'float32', seed * 1009 + i);
    params[name] = tf.variable(init, true); // unnamed: tfjs names must be unique per process
    init.dispose();
  });
  return params;
}

export function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).mul(tf.rsqrt(variance.add(1e-5))).mul(g).add(b);
}

/** GELU (sigmoid approximation: x·σ(1.702x), three cheap ops). */
export function gelu(x: tf.Tensor): tf.Tensor {
  return x.mul(tf.sigmoid(x.mul(1.702)));
}

const masks = new Map<number, Float32Array>();
/** Additive causal mask [T, T]: 0 on and below the diagonal, -1e9 above. */
export function causalMask(t: number): tf.Tensor2D {
  let m = masks.get(t);
  if (!m) {
    m = new Float32Array(t * t);
    for (let i = 0; i < t; i++) for (let j = i + 1; j < t; j++) m[i * t + j] = -1e9;
    masks.set(t, m);
  }
  return tf.tensor2d(m, [t, t]);
}

export interface DropoutSpec {
  rate: number;
  /** Seed of this step's dropout masks (training is reproducible). */
  seed: number;
}

/**
 * Logits for every position. tokens: int32 [B, T] (T ≤ context) → [B·T, V] (row b·T + i predicts
 * token i+1 of sequence b). Pass `dropout` only when training.
 */
export function forward(p: TransformerParams, cfg: TransformerConfig, tokens: tf.Tensor2D, dropout?: DropoutSpec): tf.Tensor2D {
  const [b, t] = tokens.shape;
  const { dModel: d, heads: h } = cfg;
  const dh = d / h;
  let salt = 0;
  const drop = (x: tf.Tensor) => (dropout && dropout.rate > 0 ? tf.dropout(x, dropout.rate, undefined, dropout.seed * 131 + salt++) : x);
  // A gather: its gradient (UnsortedSegmentSum) is registered for wasm in models/tf/segmentSum.
  const pos = p.pos.slice([0, 0], [t, d]);
  let e = tf.gather(p.tok, tokens.reshape([b * t])).reshape([b, t, d]).add(pos);
  if (cfg.condition === 'every' && t > 2) e = e.add(conditionTerm(p, cfg, tokens));
  let x = drop(e.reshape([b * t, d]));
  const mask = causalMask(t);
  for (let l = 0; l < cfg.layers; l++) {
    const a = layerNorm(x, p[`l${l}.ln1.g`], p[`l${l}.ln1.b`]);
    // Separate q/k/v products: slicing one fused [.., 3, h, dh] tensor is slow on wasm.
    const proj = (w: string, perm: number[], shape: number[]) =>
      a.matMul(p[`l${l}.w${w}`]).add(p[`l${l}.b${w}`]).reshape([b, t, h, dh]).transpose(perm).reshape(shape);
    const q = proj('q', [0, 2, 1, 3], [b * h, t, dh]);
    const kT = proj('k', [0, 2, 3, 1], [b * h, dh, t]);
    const v = proj('v', [0, 2, 1, 3], [b * h, t, dh]);
    const att = drop(tf.softmax(q.matMul(kT).mul(1 / Math.sqrt(dh)).add(mask)));
    const ctx = att.matMul(v).reshape([b, h, t, dh]).transpose([0, 2, 1, 3]).reshape([b * t, d]);
    x = x.add(drop(ctx.matMul(p[`l${l}.wo`]).add(p[`l${l}.bo`])));
    const m = layerNorm(x, p[`l${l}.ln2.g`], p[`l${l}.ln2.b`]);
    x = x.add(drop(gelu(m.matMul(p[`l${l}.w1`]).add(p[`l${l}.b1`])).matMul(p[`l${l}.w2`]).add(p[`l${l}.b2`])));
  }
  const f = layerNorm(x, p['lnf.g'], p['lnf.b']);
  return f.matMul(p.tok.transpose()).add(p.outBias) as tf.Tensor2D;
}

/**
 * The condition term of `condition: 'every'`: embedding of the role token (position 0) plus that
 * of the situation token (position 1), added at positions ≥ 2 → [B, T, D].
 */
function conditionTerm(p: TransformerParams, cfg: TransformerConfig, tokens: tf.Tensor2D): tf.Tensor {
  const [b, t] = tokens.shape;
  const cond = tf.gather(p.tok, tokens.slice([0, 0], [b, 2]).reshape([b * 2])).reshape([b, 2, cfg.dModel]).sum(1).reshape([b, 1, cfg.dModel]);
  const at = tf.tensor3d(Float32Array.from({ length: t }, (_, i) => (i >= 2 ? 1 : 0)), [1, t, 1]);
  return cond.mul(at);
}

/**
 * Mean negative log-likelihood (nats per predicted token) over positions with weight 1.
 * targets: int32 [B, T]; weights: float32 [B, T] (0 for padding and the prefix).
 * With `smoothing` ε > 0 (training only) the target is (1−ε)·one-hot + ε·uniform.
 */
export function sequenceLoss(
  p: TransformerParams,
  cfg: TransformerConfig,
  inputs: tf.Tensor2D,
  targets: tf.Tensor2D,
  weights: tf.Tensor2D,
  dropout?: DropoutSpec,
  smoothing = 0,
): tf.Scalar {
  const logits = forward(p, cfg, inputs, dropout);
  const n = inputs.shape[0] * inputs.shape[1];
  const logp = tf.logSoftmax(logits);
  let picked = logp.mul(tf.oneHot(targets.reshape([n]), cfg.vocabSize).toFloat()).sum(1);
  if (smoothing > 0) picked = picked.mul(1 - smoothing).add(logp.mean(1).mul(smoothing));
  const w = weights.reshape([n]);
  return picked.mul(w).sum().neg().div(w.sum().maximum(1)) as tf.Scalar;
}
