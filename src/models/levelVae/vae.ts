import * as tf from '@tensorflow/tfjs';
import type { Grid } from '../../core/grid';
import type { Rng } from '../../core/rng';
import { doorMaskOf } from '../../core/room';
import {
  ROOM_FLOATS,
  conditionBatch,
  conditionSize,
  logitsToRoom,
  tileBatch,
  type ConditionVocab,
  type RoomCondition,
} from './encoding';
import { splitLevelVae } from './model';

/**
 * The sampling prior of one style: a diagonal Gaussian mixture fitted to the encoder's latents of
 * that style's training rooms after training (K components over L dims).
 */
export interface StylePrior {
  weights: number[];
  /** K × L component means. */
  means: number[][];
  /** K × L component standard deviations. */
  scales: number[][];
}

/** What a trained model needs besides its weights; stored in model.json's user metadata. */
export interface LevelVaeInfo {
  readonly format: 'worldsmith.level-vae';
  readonly latentSize: number;
  readonly styles: readonly string[];
  readonly biomes: readonly string[];
  /** Biome used when a room has none (custom corpora). */
  readonly defaultBiome: string;
  /**
   * Scale of prior noise: z = mean + priorScale · scale · N(0, I). 1 samples the fitted prior
   * as it is.
   */
  readonly priorScale: number;
  /** Per-style latent priors; a style without one samples N(0, I). */
  readonly priors?: Readonly<Record<string, StylePrior>>;
  /**
   * Per style, the 5th and 95th percentile of the interior non-floor share of its training rooms
   * (how full a room of that style is). The sampler's critic prefers rooms inside this band.
   */
  readonly bands?: Readonly<Record<string, readonly [number, number]>>;
}

export interface DecodeOptions {
  /** 0 = argmax per tile (deterministic); above 0 = per-tile sampling with `rng`. */
  temperature?: number;
  rng?: Rng;
}

/**
 * A trained conditional level VAE: encode rooms to latents, decode latents to rooms, walk
 * between latents, sample from the prior. All calls are batched and free their tensors.
 * Latents are plain Float32Arrays of length `info.latentSize`.
 */
export class LevelVae {
  readonly encoder: tf.LayersModel;
  readonly decoder: tf.LayersModel;

  constructor(
    readonly full: tf.LayersModel,
    readonly info: LevelVaeInfo,
  ) {
    const parts = splitLevelVae(full);
    this.encoder = parts.encoder;
    this.decoder = parts.decoder;
    const condShape = full.inputs[1].shape[1];
    if (condShape !== conditionSize(info)) {
      throw new Error(`level VAE: model takes a ${condShape}-float condition, metadata implies ${conditionSize(info)}`);
    }
    if (full.inputs[2].shape[1] !== info.latentSize) {
      throw new Error(`level VAE: model latent size ${full.inputs[2].shape[1]} ≠ metadata ${info.latentSize}`);
    }
  }

  get vocab(): ConditionVocab {
    return this.info;
  }

  /** The condition of an existing room: doors read from its `D` tiles. */
  conditionOf(room: Grid, style: string, biome: string = this.info.defaultBiome): RoomCondition {
    return { doors: doorMaskOf(room), style, biome };
  }

  /** Posterior means and variances of rooms (n × 16×11) under their conditions. */
  posterior(rooms: readonly Grid[], conds: readonly RoomCondition[]): { mu: Float32Array[]; variance: Float32Array[] } {
    if (rooms.length !== conds.length) throw new Error(`level VAE: ${rooms.length} rooms, ${conds.length} conditions`);
    if (rooms.length === 0) return { mu: [], variance: [] };
    const L = this.info.latentSize;
    const [mu, logVar] = tf.tidy(() => {
      const x = tf.tensor4d(tileBatch(rooms), [rooms.length, 11, 16, 9]);
      const c = tf.tensor2d(conditionBatch(conds, this.info), [rooms.length, conditionSize(this.info)]);
      const [m, lv] = this.encoder.predict([x, c]) as tf.Tensor[];
      return [m.dataSync() as Float32Array, lv.dataSync() as Float32Array];
    });
    return {
      mu: rooms.map((_, i) => mu.slice(i * L, (i + 1) * L)),
      variance: rooms.map((_, i) => logVar.slice(i * L, (i + 1) * L).map(Math.exp)),
    };
  }

  /** Posterior means of rooms (n × 16×11) under their conditions → n latents. */
  encodeBatch(rooms: readonly Grid[], conds: readonly RoomCondition[]): Float32Array[] {
    return this.posterior(rooms, conds).mu;
  }

  /** Posterior mean of one room; its doors come from its `D` tiles. */
  encode(room: Grid, style: string, biome: string = this.info.defaultBiome): Float32Array {
    return this.encodeBatch([room], [this.conditionOf(room, style, biome)])[0];
  }

  /** Per-tile logits for n latents, flat [n, 11, 16, 9]. */
  decodeLogits(zs: readonly Float32Array[], conds: readonly RoomCondition[]): Float32Array {
    if (zs.length !== conds.length) throw new Error(`level VAE: ${zs.length} latents, ${conds.length} conditions`);
    const L = this.info.latentSize;
    const zFlat = new Float32Array(zs.length * L);
    zs.forEach((z, i) => {
      if (z.length !== L) throw new Error(`level VAE: latent ${i} has ${z.length} values, expected ${L}`);
      zFlat.set(z, i * L);
    });
    return tf.tidy(() => {
      const z = tf.tensor2d(zFlat, [zs.length, L]);
      const c = tf.tensor2d(conditionBatch(conds, this.info), [zs.length, conditionSize(this.info)]);
      const logits = this.decoder.predict([z, c]) as tf.Tensor;
      return logits.dataSync() as Float32Array;
    });
  }

  /** Decodes n latents under n conditions into rooms (one batched model call). */
  decodeBatch(zs: readonly Float32Array[], conds: readonly RoomCondition[], options: DecodeOptions = {}): Grid[] {
    if (zs.length === 0) return [];
    const logits = this.decodeLogits(zs, conds);
    if (logits.length !== zs.length * ROOM_FLOATS) throw new Error('level VAE: decoder output has the wrong size');
    return zs.map((_, i) => logitsToRoom(logits, i, options.temperature ?? 0, options.rng));
  }

  /** Decodes one latent. */
  decode(z: Float32Array, cond: RoomCondition, options: DecodeOptions = {}): Grid {
    return this.decodeBatch([z], [cond], options)[0];
  }

  /**
   * A latent for `style`, drawn with the project RNG: from the style's fitted mixture when the
   * model has one (a component by weight, then mean + priorScale·scale·normal per dimension),
   * else from N(0, priorScale²·I).
   */
  sampleLatent(rng: Rng, style?: string): Float32Array {
    const z = new Float32Array(this.info.latentSize);
    const prior = style === undefined ? undefined : this.priorOf(style);
    if (!prior) {
      for (let i = 0; i < z.length; i++) z[i] = rng.normal() * this.info.priorScale;
      return z;
    }
    const c = rng.weighted(prior.means.map((_, k) => k), prior.weights);
    for (let i = 0; i < z.length; i++) z[i] = prior.means[c][i] + this.info.priorScale * prior.scales[c][i] * rng.normal();
    return z;
  }

  /** The fitted prior of a style (a one-style model uses its only prior for any name). */
  priorOf(style: string): StylePrior | undefined {
    const priors = this.info.priors;
    if (!priors) return undefined;
    if (priors[style]) return priors[style];
    return this.info.styles.length === 1 ? priors[this.info.styles[0]] : undefined;
  }

  /**
   * `steps` latents from zA to zB inclusive, evenly spaced on the straight line between them
   * (steps ≥ 2). Decode them with one `decodeBatch` call to show a walk through latent space.
   */
  interpolate(zA: Float32Array, zB: Float32Array, steps: number): Float32Array[] {
    if (zA.length !== zB.length) throw new Error(`level VAE: latents of ${zA.length} and ${zB.length} values`);
    if (!Number.isInteger(steps) || steps < 2) throw new Error(`level VAE: interpolate needs steps ≥ 2, got ${steps}`);
    const out: Float32Array[] = [];
    for (let s = 0; s < steps; s++) {
      const t = s / (steps - 1);
      const z = new Float32Array(zA.length);
      for (let i = 0; i < z.length; i++) z[i] = zA[i] + (zB[i] - zA[i]) * t;
      out.push(z);
    }
    return out;
  }

  /**
   * Samples one room per condition: latents from the prior with `rng` (in request order), then
   * one batched decode (argmax at temperature 0, else per-tile sampling with `rng`).
   */
  sample(conds: readonly RoomCondition[], rng: Rng, temperature = 0): Grid[] {
    const zs = conds.map((c) => this.sampleLatent(rng, c.style));
    return this.decodeBatch(zs, conds, { temperature, rng });
  }

  dispose(): void {
    this.full.dispose();
  }
}
