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

/** What a trained model needs besides its weights; stored in model.json's user metadata. */
export interface LevelVaeInfo {
  readonly format: 'worldsmith.level-vae';
  readonly latentSize: number;
  readonly styles: readonly string[];
  readonly biomes: readonly string[];
  /** Biome used when a room has none (custom corpora). */
  readonly defaultBiome: string;
  /**
   * Scale of prior latents: z = priorScale · N(0, I). 1 is the plain prior; the training run
   * records the value it evaluated.
   */
  readonly priorScale: number;
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

  /** Posterior means of rooms (n × 16×11) under their conditions → n latents. */
  encodeBatch(rooms: readonly Grid[], conds: readonly RoomCondition[]): Float32Array[] {
    if (rooms.length !== conds.length) throw new Error(`level VAE: ${rooms.length} rooms, ${conds.length} conditions`);
    if (rooms.length === 0) return [];
    const L = this.info.latentSize;
    const flat = tf.tidy(() => {
      const x = tf.tensor4d(tileBatch(rooms), [rooms.length, 11, 16, 9]);
      const c = tf.tensor2d(conditionBatch(conds, this.info), [rooms.length, conditionSize(this.info)]);
      const [mu] = this.encoder.predict([x, c]) as tf.Tensor[];
      return mu.dataSync() as Float32Array;
    });
    return rooms.map((_, i) => flat.slice(i * L, (i + 1) * L));
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

  /** A latent from the prior, drawn with the project RNG (latentSize normals × priorScale). */
  sampleLatent(rng: Rng): Float32Array {
    const z = new Float32Array(this.info.latentSize);
    for (let i = 0; i < z.length; i++) z[i] = rng.normal() * this.info.priorScale;
    return z;
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
    const zs = conds.map(() => this.sampleLatent(rng));
    return this.decodeBatch(zs, conds, { temperature, rng });
  }

  dispose(): void {
    this.full.dispose();
  }
}
