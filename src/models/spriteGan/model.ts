import * as tf from '@tensorflow/tfjs';
import { SPRITE_CLASSES } from '../../core/vocab';

/**
 * The class-conditional sprite generator (the one part that ships):
 *   inputs  [z (n, latent), class one-hot (n, 3)]
 *   output  (n, 16, 16, 4) premultiplied RGBA in [0, 1]
 * dense → 4×4 map → transposed conv → 8×8 → transposed conv → 16×16 → conv → RGBA head.
 * The class enters four times: with z, and as a learned per-class map added to the output of each
 * later conv (before its batch norm / activation), so depth cannot wash the conditioning out.
 * An added per-class map is what a class map concatenated to a conv's input contributes, in
 * general form, and costs one add instead of a concat (slow on wasm).
 * Premultiplying inside the model makes every transparent pixel the same point, so the generator
 * never has to invent a hidden colour.
 */
export interface SpriteGanArch {
  latent: number;
  /** Channels at 4×4 (halved at each upsampling). */
  base: number;
  /** Add learned per-class maps after each conv (false: the class only enters with z). */
  classMaps: boolean;
  /** Batch-norm momentum (the exported generator uses a low one to re-estimate statistics fast). */
  bnMomentum: number;
}

export const SPRITE_SIZE = 16;
export const CLASS_COUNT = SPRITE_CLASSES.length;

export const DEFAULT_ARCH: SpriteGanArch = { latent: 64, base: 96, classMaps: true, bnMomentum: 0.99 };

/** Builds a fresh generator; every initialiser is seeded from `seed` (an integer). */
export function buildGenerator(arch: SpriteGanArch, seed: number): tf.LayersModel {
  let s = seed;
  const init = () => tf.initializers.heNormal({ seed: s++ });
  const z = tf.input({ shape: [arch.latent], name: 'z' });
  const cls = tf.input({ shape: [CLASS_COUNT], name: 'cls' });
  const bn = (name: string): tf.layers.Layer => tf.layers.batchNormalization({ momentum: arch.bnMomentum, name });
  const relu = (name: string): tf.layers.Layer => tf.layers.reLU({ name });
  // conv output + (optionally) a learned map per class of the same shape.
  const withClass = (h: tf.SymbolicTensor, side: number, channels: number, name: string): tf.SymbolicTensor => {
    if (!arch.classMaps) return h;
    const d = tf.layers
      .dense({ units: side * side * channels, useBias: false, kernelInitializer: tf.initializers.randomNormal({ stddev: 0.1, seed: s++ }), name: `${name}_cls` })
      .apply(cls);
    const map = tf.layers.reshape({ targetShape: [side, side, channels], name: `${name}_clsmap` }).apply(d) as tf.SymbolicTensor;
    return tf.layers.add({ name: `${name}_plus_cls` }).apply([h, map]) as tf.SymbolicTensor;
  };
  const up = (h: tf.SymbolicTensor, filters: number, side: number, name: string): tf.SymbolicTensor => {
    const c = tf.layers
      .conv2dTranspose({ filters, kernelSize: 4, strides: 2, padding: 'same', useBias: false, kernelInitializer: init(), name })
      .apply(h) as tf.SymbolicTensor;
    return relu(`${name}_relu`).apply(bn(`${name}_bn`).apply(withClass(c, side, filters, name))) as tf.SymbolicTensor;
  };

  const zc = tf.layers.concatenate({ name: 'z_cls' }).apply([z, cls]);
  let h = tf.layers.dense({ units: 4 * 4 * arch.base, useBias: false, kernelInitializer: init(), name: 'seed_dense' }).apply(zc);
  h = tf.layers.reshape({ targetShape: [4, 4, arch.base], name: 'seed_map' }).apply(h);
  h = relu('seed_relu').apply(bn('seed_bn').apply(h));
  h = up(h as tf.SymbolicTensor, arch.base / 2, 8, 'up8');
  h = up(h, arch.base / 4, 16, 'up16');
  const head = tf.layers
    .conv2d({ filters: 4, kernelSize: 3, padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed: s++ }), name: 'rgba_conv' })
    .apply(h) as tf.SymbolicTensor;
  const rgba = tf.layers.activation({ activation: 'sigmoid', name: 'rgba' }).apply(withClass(head, 16, 4, 'rgba')) as tf.SymbolicTensor;
  // A frozen 1×1 conv turns (r, g, b, a) into (a, a, a, 1); the product is premultiplied RGBA.
  // (No concat: concatenating along channels is slow on wasm and breaks predict's disposal there.)
  const spread = tf.layers.conv2d({ filters: 4, kernelSize: 1, trainable: false, name: 'alpha_spread' });
  const alphas = spread.apply(rgba) as tf.SymbolicTensor;
  const kernel = new Float32Array(16);
  for (let o = 0; o < 3; o++) kernel[3 * 4 + o] = 1; // input channel 3 (alpha) → outputs 0..2
  spread.setWeights([tf.tensor4d(kernel, [1, 1, 4, 4]), tf.tensor1d([0, 0, 0, 1])]);
  const out = tf.layers.multiply({ name: 'premultiply' }).apply([rgba, alphas]) as tf.SymbolicTensor;
  return tf.model({ inputs: [z, cls], outputs: out, name: 'sprite_generator' });
}

/**
 * Checks that a loaded model has the generator's signature; throws naming what differs.
 * @returns the latent size
 */
export function checkGenerator(model: tf.LayersModel, where: string): number {
  const [zIn, cIn] = model.inputs;
  const out = model.outputs[0];
  const latent = zIn?.shape[1];
  if (model.inputs.length !== 2 || typeof latent !== 'number' || cIn.shape[1] !== CLASS_COUNT) {
    throw new Error(`${where}: expected inputs [z (n, L), class (n, ${CLASS_COUNT})], got ${JSON.stringify(model.inputs.map((i) => i.shape))}`);
  }
  if (model.outputs.length !== 1 || out.shape.slice(1).join(',') !== `${SPRITE_SIZE},${SPRITE_SIZE},4`) {
    throw new Error(`${where}: expected output (n, ${SPRITE_SIZE}, ${SPRITE_SIZE}, 4), got ${JSON.stringify(model.outputs.map((o) => o.shape))}`);
  }
  return latent;
}

/** Number of trainable + non-trainable parameters of a model. */
export function parameterCount(model: tf.LayersModel): number {
  return model.weights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
}
