import * as tf from '@tensorflow/tfjs';
import { SPRITE_CLASSES } from '../../core/vocab';

/**
 * The class-conditional sprite generator (the one part that ships):
 *   inputs  [z (n, latent), class one-hot (n, 3)]
 *   output  (n, 16, 16, 4) premultiplied RGBA in [0, 1]
 * dense → 4×4 map → transposed conv → 8×8 → transposed conv → 16×16 → rgb and alpha heads.
 * The class enters three times (with z, and as learned maps concatenated at 8×8 and 16×16), so
 * the conditioning cannot be washed out by depth. Premultiplying inside the model makes every
 * transparent pixel the same point, so the generator never has to invent a hidden colour.
 */
export interface SpriteGanArch {
  latent: number;
  /** Channels at 4×4 (halved at each upsampling). */
  base: number;
  /** Channels of the class maps added at 8×8 and 16×16. */
  classMaps: number;
  /** Batch-norm momentum (the exported generator uses a low one to re-estimate statistics fast). */
  bnMomentum: number;
}

export const SPRITE_SIZE = 16;
export const CLASS_COUNT = SPRITE_CLASSES.length;

export const DEFAULT_ARCH: SpriteGanArch = { latent: 64, base: 96, classMaps: 8, bnMomentum: 0.99 };

/** Builds a fresh generator; every initialiser is seeded from `seed` (an integer). */
export function buildGenerator(arch: SpriteGanArch, seed: number): tf.LayersModel {
  let s = seed;
  const init = () => tf.initializers.heNormal({ seed: s++ });
  const z = tf.input({ shape: [arch.latent], name: 'z' });
  const cls = tf.input({ shape: [CLASS_COUNT], name: 'cls' });
  const bn = (name: string): tf.layers.Layer => tf.layers.batchNormalization({ momentum: arch.bnMomentum, name });
  const relu = (name: string): tf.layers.Layer => tf.layers.reLU({ name });
  const classMap = (side: number, name: string): tf.SymbolicTensor => {
    const d = tf.layers.dense({ units: side * side * arch.classMaps, kernelInitializer: init(), name: `${name}_dense` }).apply(cls);
    return tf.layers.reshape({ targetShape: [side, side, arch.classMaps], name: `${name}_map` }).apply(d) as tf.SymbolicTensor;
  };

  const zc = tf.layers.concatenate({ name: 'z_cls' }).apply([z, cls]);
  let h = tf.layers.dense({ units: 4 * 4 * arch.base, useBias: false, kernelInitializer: init(), name: 'seed_dense' }).apply(zc);
  h = tf.layers.reshape({ targetShape: [4, 4, arch.base], name: 'seed_map' }).apply(h);
  h = relu('seed_relu').apply(bn('seed_bn').apply(h));
  h = tf.layers
    .conv2dTranspose({ filters: arch.base / 2, kernelSize: 4, strides: 2, padding: 'same', useBias: false, kernelInitializer: init(), name: 'up8' })
    .apply(h);
  h = relu('up8_relu').apply(bn('up8_bn').apply(h));
  h = tf.layers.concatenate({ name: 'cls8' }).apply([h as tf.SymbolicTensor, classMap(8, 'cls8')]);
  h = tf.layers
    .conv2dTranspose({ filters: arch.base / 4, kernelSize: 4, strides: 2, padding: 'same', useBias: false, kernelInitializer: init(), name: 'up16' })
    .apply(h);
  h = relu('up16_relu').apply(bn('up16_bn').apply(h));
  h = tf.layers.concatenate({ name: 'cls16' }).apply([h as tf.SymbolicTensor, classMap(16, 'cls16')]);
  const head = (filters: number, name: string): tf.SymbolicTensor =>
    tf.layers
      .conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: s++ }), name })
      .apply(h) as tf.SymbolicTensor;
  const rgb = head(3, 'rgb');
  const alpha = head(1, 'alpha');
  // A frozen all-ones 1×1 conv copies alpha to three channels (concatenating one tensor with
  // itself breaks tfjs predict's tensor disposal on wasm).
  const alpha3 = tf.layers
    .conv2d({ filters: 3, kernelSize: 1, useBias: false, trainable: false, kernelInitializer: 'ones', name: 'alpha3' })
    .apply(alpha) as tf.SymbolicTensor;
  const premul = tf.layers.multiply({ name: 'premultiply' }).apply([rgb, alpha3]) as tf.SymbolicTensor;
  const out = tf.layers.concatenate({ name: 'rgba' }).apply([premul, alpha]) as tf.SymbolicTensor;
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
