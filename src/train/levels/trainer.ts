import * as tf from '@tensorflow/tfjs';
import { ROOM_H, ROOM_W } from '../../core/grid';
import { createRng } from '../../core/rng';
import { TILE_COUNT, conditionSize, type ConditionVocab } from '../../models/levelVae/encoding';
import { buildLevelVae, vaeLoss, type LevelVaeArch } from '../../models/levelVae/model';
import { LevelVae, type LevelVaeInfo } from '../../models/levelVae/vae';
import { TILE_INDEX } from '../../core/tiles';
import { epochOrder, makeBatch, roomTable, type Batch, type RoomTable } from './batches';
import type { CorpusRoom } from './corpus';

/**
 * The level VAE's training loop (Node or tests; no file access here): Adam with a cosine
 * learning-rate decay, KL annealing (β rises linearly from 0 to `betaMax` over the first
 * `warmup` share of the steps), mirror augmentation, reparameterisation noise from the project
 * RNG. Each epoch's order and noise come from `seed/epoch-k`, so a resumed run continues the
 * same streams.
 */
export interface TrainOptions {
  arch: LevelVaeArch;
  vocab: ConditionVocab;
  defaultBiome: string;
  seed: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  betaMax: number;
  /** Share of all steps over which β ramps up from 0. */
  warmup: number;
  augment: boolean;
  /** Cross-entropy weight of tiles whose target is not floor (1 = plain). */
  nonFloorWeight: number;
  /** Scale of prior latents recorded in the model (see LevelVaeInfo.priorScale). */
  priorScale: number;
}

export interface EpochStats {
  epoch: number;
  step: number;
  beta: number;
  loss: number;
  reconstruction: number;
  kl: number;
  /** Validation reconstruction cross-entropy and KL at the posterior mean (nats per room). */
  valReconstruction: number;
  valKl: number;
}

export interface TrainHooks {
  onStep?: (step: number, totalSteps: number, stats: { loss: number; reconstruction: number; kl: number; beta: number; epoch: number }) => void;
  onEpoch?: (stats: EpochStats, vae: LevelVae) => Promise<void> | void;
  /** Weights to start from (resume); the epoch to start at. */
  resume?: { model: tf.LayersModel; epoch: number };
}

export function infoFor(options: TrainOptions): LevelVaeInfo {
  return {
    format: 'worldsmith.level-vae',
    latentSize: options.arch.latentSize,
    styles: [...options.vocab.styles],
    biomes: [...options.vocab.biomes],
    defaultBiome: options.defaultBiome,
    priorScale: options.priorScale,
  };
}

function batchTensors(batch: Batch, vocab: ConditionVocab, weight: number): { x: tf.Tensor4D; c: tf.Tensor2D; w: tf.Tensor3D | null } {
  const idx = tf.tensor3d(batch.tiles, [batch.size, ROOM_H, ROOM_W], 'int32');
  const x = tf.oneHot(idx, TILE_COUNT).toFloat() as tf.Tensor4D;
  const c = tf.tensor2d(batch.conds, [batch.size, conditionSize(vocab)]);
  let w: tf.Tensor3D | null = null;
  if (weight !== 1) {
    const floor = tf.equal(idx, TILE_INDEX.F);
    w = tf.where(floor, tf.onesLike(idx).toFloat(), tf.fill(idx.shape, weight)) as tf.Tensor3D;
  }
  return { x, c, w };
}

/** Validation loss parts at the posterior mean (no sampling): nats per room. */
function validationLoss(vae: LevelVae, table: RoomTable, vocab: ConditionVocab): { reconstruction: number; kl: number } {
  if (table.size === 0) return { reconstruction: NaN, kl: NaN };
  const rng = createRng('val');
  let recon = 0;
  let kl = 0;
  const all = Array.from({ length: table.size }, (_, i) => i);
  for (let i = 0; i < all.length; i += 256) {
    const batch = makeBatch(table, all.slice(i, i + 256), vocab, false, rng);
    const [r, k] = tf.tidy(() => {
      const { x, c } = batchTensors(batch, vocab, 1);
      const [mu, logVar] = vae.encoder.predict([x, c]) as tf.Tensor2D[];
      const logits = vae.decoder.predict([mu, c]) as tf.Tensor4D;
      const parts = vaeLoss(x, logits, mu, logVar, 1, null);
      return [parts.reconstruction.dataSync()[0], parts.kl.dataSync()[0]];
    });
    recon += r * batch.size;
    kl += k * batch.size;
  }
  return { reconstruction: recon / table.size, kl: kl / table.size };
}

/** Optimiser steps of a whole run over `trainRooms` rooms. */
export function totalSteps(trainRooms: number, options: Pick<TrainOptions, 'batchSize' | 'epochs'>): number {
  return Math.max(1, Math.floor(trainRooms / options.batchSize)) * options.epochs;
}

/**
 * Trains a level VAE on `train` rooms, reporting validation loss on `val` after each epoch.
 * Returns the trained model (caller disposes) and the per-epoch history.
 */
export async function trainLevelVae(
  train: readonly CorpusRoom[],
  val: readonly CorpusRoom[],
  options: TrainOptions,
  hooks: TrainHooks = {},
): Promise<{ vae: LevelVae; history: EpochStats[]; steps: number }> {
  if (train.length === 0) throw new Error('train:levels: no training rooms');
  const { vocab } = options;
  const info = infoFor(options);
  const full = hooks.resume?.model ?? buildLevelVae(options.arch, vocab, options.seed).full;
  const vae = new LevelVae(full, info);
  full.setUserDefinedMetadata(info as unknown as Record<string, unknown>);
  const trainTable = roomTable(train);
  const valTable = roomTable(val);
  const stepsPerEpoch = totalSteps(trainTable.size, { ...options, epochs: 1 });
  const allSteps = stepsPerEpoch * options.epochs;
  const warmupSteps = Math.max(1, Math.round(allSteps * options.warmup));
  const optimizer = tf.train.adam(options.learningRate);
  const settable = optimizer as unknown as { learningRate: number };
  const L = options.arch.latentSize;
  const history: EpochStats[] = [];
  let step = (hooks.resume?.epoch ?? 0) * stepsPerEpoch;

  for (let epoch = hooks.resume?.epoch ?? 0; epoch < options.epochs; epoch++) {
    const rng = createRng(`${options.seed}/epoch-${epoch}`);
    let sums = [0, 0, 0];
    let batches = 0;
    let beta = 0;
    for (const idx of epochOrder(trainTable.size, options.batchSize, rng)) {
      beta = options.betaMax * Math.min(1, step / warmupSteps);
      settable.learningRate = options.learningRate * (0.1 + 0.45 * (1 + Math.cos((Math.PI * step) / allSteps)));
      const batch = makeBatch(trainTable, idx, vocab, options.augment, rng);
      const eps = new Float32Array(batch.size * L);
      for (let i = 0; i < eps.length; i++) eps[i] = rng.normal();
      const parts = tf.tidy(() => {
        const { x, c, w } = batchTensors(batch, vocab, options.nonFloorWeight);
        const noise = tf.tensor2d(eps, [batch.size, L]);
        let recon: tf.Scalar | undefined;
        let kl: tf.Scalar | undefined;
        const total = optimizer.minimize(() => {
          const [mu, logVar] = vae.encoder.apply([x, c], { training: true }) as tf.Tensor2D[];
          const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logVar)), noise));
          const logits = vae.decoder.apply([z, c], { training: true }) as tf.Tensor4D;
          const l = vaeLoss(x, logits, mu, logVar, beta, w);
          recon = tf.keep(l.reconstruction);
          kl = tf.keep(l.kl);
          return l.total;
        }, true)!;
        const values = [total.dataSync()[0], recon!.dataSync()[0], kl!.dataSync()[0]];
        tf.dispose([recon!, kl!]); // kept out of minimize's scope only to be read
        return values;
      });
      if (!parts.every(Number.isFinite)) {
        throw new Error(`train:levels: loss became ${parts[0]} at step ${step} (epoch ${epoch + 1}); lower --lr`);
      }
      sums = sums.map((s, i) => s + parts[i]);
      batches++;
      step++;
      hooks.onStep?.(step, allSteps, { loss: parts[0], reconstruction: parts[1], kl: parts[2], beta, epoch: epoch + 1 });
    }
    const v = validationLoss(vae, valTable, vocab);
    const stats: EpochStats = {
      epoch: epoch + 1,
      step,
      beta,
      loss: sums[0] / batches,
      reconstruction: sums[1] / batches,
      kl: sums[2] / batches,
      valReconstruction: v.reconstruction,
      valKl: v.kl,
    };
    history.push(stats);
    await hooks.onEpoch?.(stats, vae);
  }
  optimizer.dispose();
  return { vae, history, steps: step };
}
