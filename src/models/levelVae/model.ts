import * as tf from '@tensorflow/tfjs';
import { ROOM_H, ROOM_W } from '../../core/grid';
import { TILE_COUNT, conditionSize, type ConditionVocab } from './encoding';

/**
 * The conditional VAE's layers. One LayersModel holds both halves so one `model.json` +
 * `weights.bin` ships the decoder and the encoder (the debug panel encodes rooms):
 *   inputs  [tiles (n,11,16,9), cond (n,C), z (n,L)]
 *   outputs [mu (n,L), logVar (n,L), logits (n,11,16,9)]
 * The encoder reads (tiles, cond) → (mu, logVar); the decoder reads (z, cond) → logits. The two
 * halves share only the cond input, so each can be cut out as its own model (`splitLevelVae`).
 * The decoder outputs logits; decoding applies the softmax (argmax or temperature sampling).
 */
export interface LevelVaeArch {
  /** Latent size L (≥ 16). */
  latentSize: number;
  /** Channels of the encoder convs. */
  encoderChannels: number;
  /** Width of the hidden dense layers. */
  hidden: number;
  /** Channels of the decoder's 6×8 seed map and of its full-size convs. */
  decoderChannels: number;
  /** 3×3 convs at full resolution before the logits (local tile coherence). */
  decoderConvs: number;
  /**
   * Where the decoder's dense layer lands: 'half' = a 6×8 map upsampled ×2 (fewer weights),
   * 'full' = an 11×16 map directly (every tile gets its own weights: sharper placement).
   */
  decoderSeed: 'half' | 'full';
  /** Channels of a per-cell map learnt from the condition, joined before the full-size convs (0 or absent = none). */
  condMapChannels?: number;
}

export const DEFAULT_ARCH: LevelVaeArch = {
  latentSize: 48,
  encoderChannels: 32,
  hidden: 128,
  decoderChannels: 32,
  decoderConvs: 2,
  decoderSeed: 'half',
  condMapChannels: 4,
};

export interface LevelVaeModels {
  full: tf.LayersModel;
  encoder: tf.LayersModel;
  decoder: tf.LayersModel;
}

/** Builds a fresh model; every initialiser is seeded from `seed` (a 32-bit integer). */
export function buildLevelVae(arch: LevelVaeArch, vocab: ConditionVocab, seed: number): LevelVaeModels {
  if (arch.latentSize < 16) throw new Error(`level VAE: latent size ${arch.latentSize} < 16`);
  let layerSeed = seed;
  const init = () => tf.initializers.glorotUniform({ seed: layerSeed++ });
  const conv = (filters: number, strides: number, name: string, activation: 'relu' | 'linear' = 'relu') =>
    tf.layers.conv2d({
      filters,
      kernelSize: 3,
      strides,
      padding: 'same',
      activation,
      kernelInitializer: init(),
      name,
    });
  const dense = (units: number, name: string, activation: 'relu' | 'linear' = 'relu') =>
    tf.layers.dense({ units, activation, kernelInitializer: init(), name });

  const tiles = tf.input({ shape: [ROOM_H, ROOM_W, TILE_COUNT], name: 'tiles' });
  const cond = tf.input({ shape: [conditionSize(vocab)], name: 'cond' });
  const z = tf.input({ shape: [arch.latentSize], name: 'z' });
  const c = arch.encoderChannels;

  // Encoder: 11×16 → pool → 6×8 → pool → 3×4, then dense with the condition. Stride-1 convs and
  // max pooling only: their gradients run on stock or single-phase wasm kernels.
  let e = conv(c, 1, 'enc_conv1').apply(tiles) as tf.SymbolicTensor;
  e = tf.layers.maxPooling2d({ poolSize: 2, padding: 'same', name: 'enc_pool1' }).apply(e) as tf.SymbolicTensor;
  e = conv(2 * c, 1, 'enc_conv2').apply(e) as tf.SymbolicTensor;
  e = tf.layers.maxPooling2d({ poolSize: 2, padding: 'same', name: 'enc_pool2' }).apply(e) as tf.SymbolicTensor;
  e = tf.layers.flatten({ name: 'enc_flat' }).apply(e) as tf.SymbolicTensor;
  e = tf.layers.concatenate({ name: 'enc_cond' }).apply([e, cond]) as tf.SymbolicTensor;
  e = dense(arch.hidden, 'enc_dense').apply(e) as tf.SymbolicTensor;
  const mu = dense(arch.latentSize, 'mu', 'linear').apply(e) as tf.SymbolicTensor;
  const logVar = dense(arch.latentSize, 'log_var', 'linear').apply(e) as tf.SymbolicTensor;

  // Decoder: (z, cond) → dense → 6×8 map → nearest upsampling to 12×16 → crop to 11×16 (or
  // dense straight to 11×16) → 3×3 convs → per-tile logits. Upsampling + conv instead of a transposed conv keeps inference on
  // the stock wasm kernels (the browser decodes on every slider move).
  const d0 = arch.decoderChannels;
  let d = tf.layers.concatenate({ name: 'dec_cond' }).apply([z, cond]) as tf.SymbolicTensor;
  d = dense(arch.hidden, 'dec_dense1').apply(d) as tf.SymbolicTensor;
  if (arch.decoderSeed === 'full') {
    d = dense(ROOM_H * ROOM_W * d0, 'dec_dense2').apply(d) as tf.SymbolicTensor;
    d = tf.layers.reshape({ targetShape: [ROOM_H, ROOM_W, d0], name: 'dec_seed' }).apply(d) as tf.SymbolicTensor;
  } else {
    d = dense(6 * 8 * d0, 'dec_dense2').apply(d) as tf.SymbolicTensor;
    d = tf.layers.reshape({ targetShape: [6, 8, d0], name: 'dec_seed' }).apply(d) as tf.SymbolicTensor;
    d = tf.layers.upSampling2d({ size: [2, 2], name: 'dec_up' }).apply(d) as tf.SymbolicTensor;
    d = tf.layers.cropping2D({ cropping: [[0, 1], [0, 0]], name: 'dec_crop' }).apply(d) as tf.SymbolicTensor;
  }
  const mapChannels = arch.condMapChannels ?? 0;
  if (mapChannels > 0) {
    // The condition painted onto the map: doors sit on fixed cells, so a learnt per-cell map of
    // the condition lets the convs place doors and clear doorways exactly.
    let m = dense(ROOM_H * ROOM_W * mapChannels, 'dec_cond_map', 'linear').apply(cond) as tf.SymbolicTensor;
    m = tf.layers.reshape({ targetShape: [ROOM_H, ROOM_W, mapChannels], name: 'dec_cond_grid' }).apply(m) as tf.SymbolicTensor;
    d = tf.layers.concatenate({ name: 'dec_with_cond' }).apply([d, m]) as tf.SymbolicTensor;
  }
  for (let i = 0; i < arch.decoderConvs; i++) d = conv(d0, 1, `dec_conv${i + 1}`).apply(d) as tf.SymbolicTensor;
  const logits = tf.layers
    .conv2d({ filters: TILE_COUNT, kernelSize: 1, kernelInitializer: init(), name: 'logits' })
    .apply(d) as tf.SymbolicTensor;

  const full = tf.model({ inputs: [tiles, cond, z], outputs: [mu, logVar, logits], name: 'level_vae' });
  return { full, ...splitLevelVae(full) };
}

/** Cuts the encoder and the decoder out of a full model (built or loaded); they share weights. */
export function splitLevelVae(full: tf.LayersModel): Omit<LevelVaeModels, 'full'> {
  if (full.inputs.length !== 3 || full.outputs.length !== 3) {
    throw new Error(
      `level VAE: expected a model with 3 inputs and 3 outputs, got ${full.inputs.length} and ${full.outputs.length}`,
    );
  }
  const [tiles, cond, z] = full.inputs;
  const [mu, logVar, logits] = full.outputs;
  return {
    encoder: tf.model({ inputs: [tiles, cond], outputs: [mu, logVar], name: 'level_vae_encoder' }),
    decoder: tf.model({ inputs: [z, cond], outputs: logits, name: 'level_vae_decoder' }),
  };
}

export interface VaeLossParts {
  total: tf.Scalar;
  /** Cross-entropy summed over the 176 tiles, mean over the batch (nats). */
  reconstruction: tf.Scalar;
  /** KL(q(z|x) ‖ N(0, I)) summed over latent dims, mean over the batch (nats). */
  kl: tf.Scalar;
}

/**
 * The VAE loss: reconstruction + β·KL. `tileWeights` ([n,11,16] or null) scales each tile's
 * cross-entropy (used to weigh rare non-floor tiles up). Shapes: oneHot/logits [n,11,16,9].
 */
export function vaeLoss(
  oneHot: tf.Tensor4D,
  logits: tf.Tensor4D,
  mu: tf.Tensor2D,
  logVar: tf.Tensor2D,
  beta: number,
  tileWeights: tf.Tensor3D | null,
): VaeLossParts {
  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(logits);
    let ce = tf.neg(tf.sum(tf.mul(oneHot, logProbs), -1)); // [n,11,16]
    if (tileWeights) ce = tf.mul(ce, tileWeights);
    const reconstruction = tf.mean(tf.sum(ce, [1, 2])) as tf.Scalar;
    const klPerDim = tf.mul(-0.5, tf.sub(tf.add(1, logVar), tf.add(tf.square(mu), tf.exp(logVar))));
    const kl = tf.mean(tf.sum(klPerDim, 1)) as tf.Scalar;
    const total = tf.add(reconstruction, tf.mul(beta, kl)) as tf.Scalar;
    return { total, reconstruction, kl };
  });
}

/** Number of trainable parameters. */
export function parameterCount(model: tf.LayersModel): number {
  return model.trainableWeights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
}
