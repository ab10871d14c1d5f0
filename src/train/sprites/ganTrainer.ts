import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../core/rng';
import { buildCritic, DEFAULT_CRITIC, type Critic, type CriticArch } from '../../models/spriteGan/discriminator';
import { buildGenerator, CLASS_COUNT, DEFAULT_ARCH, SPRITE_SIZE, type SpriteGanArch } from '../../models/spriteGan/model';
import { drawLatent } from '../../models/spriteGan/sampler';
import { indicesByClass, type SpriteDataset } from './dataset';

/**
 * One hinge-loss GAN training step at a time: spectral-normalised projection critic, batch-norm
 * generator, EMA of the generator's weights (what ships), class-balanced batches (the classes
 * differ 8× in size), flip augmentation of real images and DiffAugment translation (±1 px) of
 * every image the critic sees — with ~200 creature tiles the critic would otherwise memorise.
 */
export interface GanConfig {
  batch: number;
  lrG: number;
  lrD: number;
  beta1: number;
  beta2: number;
  /** Final EMA decay of the shipped generator weights. */
  ema: number;
  /** Critic steps per generator step. */
  dSteps: number;
  /**
   * Weight of the auxiliary classification loss (AC-GAN style, 0 = off): the critic also learns
   * to name the class of real images, and the generator is rewarded when the critic names the
   * requested class for its images. Strengthens conditioning beyond the projection term.
   */
  acWeight: number;
  seed: number;
  arch: SpriteGanArch;
  critic: CriticArch;
}

export const DEFAULT_GAN: GanConfig = {
  batch: 64,
  lrG: 2e-4,
  lrD: 2e-4,
  beta1: 0,
  beta2: 0.99,
  ema: 0.999,
  dSteps: 1,
  acWeight: 0.5,
  seed: 7,
  arch: DEFAULT_ARCH,
  critic: DEFAULT_CRITIC,
};

export interface GanTrainer {
  readonly generator: tf.LayersModel;
  readonly critic: Critic;
  readonly step: number;
  /** One training step; returns the critic and generator losses. */
  train(): { d: number; g: number };
  /**
   * A fresh generator carrying the EMA weights, with batch-norm statistics re-estimated over
   * `batches` class-balanced batches of 256 (the EMA weights never saw the live statistics).
   */
  exportGenerator(batches?: number): tf.LayersModel;
  /** Every tensor the state needs to resume (names → tensors); for checkpoints. */
  state(): Map<string, tf.Variable>;
  setStep(step: number): void;
  dispose(): void;
}

/** Training latents (n, latent), drawn with the project RNG exactly as the sampler draws them. */
export function latents(rng: Rng, n: number, latent: number): tf.Tensor2D {
  const z = new Float32Array(n * latent);
  for (let i = 0; i < n; i++) z.set(drawLatent(rng, latent), i * latent);
  return tf.tensor2d(z, [n, latent]);
}

/** One-hot classes (n, 3) for class indices. */
export function oneHot(classes: readonly number[]): tf.Tensor2D {
  const out = new Float32Array(classes.length * CLASS_COUNT);
  classes.forEach((c, i) => (out[i * CLASS_COUNT + c] = 1));
  return tf.tensor2d(out, [classes.length, CLASS_COUNT]);
}

/** Class indices 0,1,2,0,1,2,… (balanced). */
export function balancedClasses(n: number, offset = 0): number[] {
  return Array.from({ length: n }, (_, i) => (i + offset) % CLASS_COUNT);
}

/** Random ±1 px translation of a batch (transparent fill), the same shift for the whole batch. */
function translate(x: tf.Tensor4D, dx: number, dy: number): tf.Tensor4D {
  return tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]).slice([0, 1 + dy, 1 + dx, 0], [-1, SPRITE_SIZE, SPRITE_SIZE, -1]);
}

export function createGanTrainer(ds: SpriteDataset, cfg: GanConfig, rng: Rng): GanTrainer {
  if (ds.size !== SPRITE_SIZE) throw new Error(`sprite GAN: data is ${ds.size} px, the model makes ${SPRITE_SIZE} px`);
  const byClass = indicesByClass(ds.tiles, 'train');
  byClass.forEach((list, c) => {
    if (list.length === 0) throw new Error(`sprite GAN: no training tiles of class ${c}`);
  });
  const generator = buildGenerator(cfg.arch, cfg.seed);
  const critic = buildCritic(cfg.critic, cfg.seed + 1000);
  const gVars = generator.trainableWeights.map((w) => w.read() as tf.Variable);
  const ema = generator.trainableWeights.map((w) => tf.variable(w.read().clone(), false));
  const optG = tf.train.adam(cfg.lrG, cfg.beta1, cfg.beta2);
  const optD = tf.train.adam(cfg.lrD, cfg.beta1, cfg.beta2);
  const n = SPRITE_SIZE * SPRITE_SIZE * 4;
  let step = 0;

  const realBatch = (classes: number[]): tf.Tensor4D => {
    const data = new Float32Array(classes.length * n);
    classes.forEach((c, b) => {
      const i = rng.pick(byClass[c]);
      const flip = rng.chance(0.5);
      for (let y = 0; y < SPRITE_SIZE; y++) {
        for (let x = 0; x < SPRITE_SIZE; x++) {
          const sx = flip ? SPRITE_SIZE - 1 - x : x;
          const s = i * n + (y * SPRITE_SIZE + sx) * 4;
          const o = b * n + (y * SPRITE_SIZE + x) * 4;
          for (let k = 0; k < 4; k++) data[o + k] = ds.pixels[s + k] / 255;
        }
      }
    });
    return tf.tensor4d(data, [classes.length, SPRITE_SIZE, SPRITE_SIZE, 4]);
  };
  const shift = (x: tf.Tensor4D): tf.Tensor4D => translate(x, rng.int(-1, 1), rng.int(-1, 1));
  const generate = (z: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor4D => generator.apply([z, y], { training: true }) as tf.Tensor4D;

  const trainer: GanTrainer = {
    generator,
    critic,
    get step() {
      return step;
    },
    train() {
      let d = 0;
      for (let k = 0; k < cfg.dSteps; k++) {
        const classes = balancedClasses(cfg.batch, rng.int(0, 2));
        const [real, y, z] = [realBatch(classes), oneHot(classes), latents(rng, cfg.batch, cfg.arch.latent)];
        critic.powerIterate();
        const loss = optD.minimize(
          () => {
            // Real and fake go through the critic as one batch (half the kernel calls).
            const both = tf.concat([shift(real), shift(generate(z, y))]) as tf.Tensor4D;
            const { score, logits } = critic.scoreAndLogits(both, tf.concat([y, y]) as tf.Tensor2D);
            const sign = tf.concat([tf.fill([cfg.batch], -1), tf.fill([cfg.batch], 1)]);
            const hinge = tf.relu(tf.add(1, score.mul(sign))).mean() as tf.Scalar;
            if (!cfg.acWeight) return hinge;
            // The critic's class head learns from real images only (fakes would teach it their mistakes).
            const realLogits = logits.slice([0, 0], [cfg.batch, -1]);
            return hinge.add(tf.losses.softmaxCrossEntropy(y, realLogits).mul(cfg.acWeight)) as tf.Scalar;
          },
          true,
          critic.vars,
        );
        d = loss!.dataSync()[0];
        tf.dispose([real, y, z, loss!]);
      }
      const classes = balancedClasses(cfg.batch, rng.int(0, 2));
      const [y, z] = [oneHot(classes), latents(rng, cfg.batch, cfg.arch.latent)];
      const loss = optG.minimize(
        () => {
          const { score, logits } = critic.scoreAndLogits(shift(generate(z, y)), y);
          const adv = score.mean().neg() as tf.Scalar;
          return cfg.acWeight ? (adv.add(tf.losses.softmaxCrossEntropy(y, logits).mul(cfg.acWeight)) as tf.Scalar) : adv;
        },
        true,
        gVars,
      );
      const g = loss!.dataSync()[0];
      tf.dispose([y, z, loss!]);
      step++;
      const decay = Math.min(cfg.ema, (1 + step) / (10 + step));
      tf.tidy(() => ema.forEach((e, i) => e.assign(e.mul(decay).add(gVars[i].mul(1 - decay)))));
      return { d, g };
    },
    exportGenerator(batches = 40) {
      const out = buildGenerator({ ...cfg.arch, bnMomentum: 0.8 }, cfg.seed);
      const emaByName = new Map(generator.trainableWeights.map((w, i) => [w.originalName, ema[i]]));
      const live = new Map(generator.weights.map((w) => [w.originalName, w.read()]));
      out.setWeights(out.weights.map((w) => emaByName.get(w.originalName) ?? live.get(w.originalName)!));
      for (let b = 0; b < batches; b++) {
        tf.tidy(() => {
          const classes = balancedClasses(256, b);
          out.apply([latents(rng, 256, cfg.arch.latent), oneHot(classes)], { training: true });
        });
      }
      return out;
    },
    state() {
      const m = new Map<string, tf.Variable>();
      generator.weights.forEach((w) => m.set(`G/${w.originalName}`, w.read() as tf.Variable));
      ema.forEach((e, i) => m.set(`EMA/${generator.trainableWeights[i].originalName}`, e));
      for (const [name, v] of critic.named()) m.set(`D/${name}`, v);
      return m;
    },
    setStep(s) {
      step = s;
    },
    dispose() {
      generator.dispose();
      critic.dispose();
      tf.dispose(ema);
      optG.dispose();
      optD.dispose();
    },
  };
  return trainer;
}
