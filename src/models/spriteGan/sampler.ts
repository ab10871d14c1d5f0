import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../core/rng';
import { SPRITE_CLASSES, type SpriteClass } from '../../core/vocab';
import type { Sprite, SpriteRequest, SpriteSampleOptions, SpriteSampler } from '../../pipeline/ports';
import { finishSprite } from '../../art/spritePost';
import { postOptionsFor } from '../../art/spriteStyle';
import { checkGenerator, CLASS_COUNT, SPRITE_SIZE } from './model';

/**
 * A latent drawn with the project RNG: standard-normal components, those beyond ±truncation
 * redrawn (the truncation trick: smaller values trade variety for typical-looking sprites), then
 * scaled onto the sphere of radius √size. The generator is trained on that sphere only, so
 * truncation changes which directions are drawn but never shrinks the latent towards the
 * "average" sprite (with batch norm after the first layer, a short latent decodes to a faint
 * smudge).
 * @returns size floats, Euclidean norm √size
 */
export function drawLatent(rng: Rng, size: number, truncation = Infinity): Float32Array {
  if (!(truncation > 0)) throw new Error(`sprite GAN: truncation ${truncation} must be > 0`);
  const z = new Float32Array(size);
  let norm = 0;
  for (let i = 0; i < size; i++) {
    let v = rng.normal();
    while (Math.abs(v) > truncation) v = rng.normal();
    z[i] = v;
    norm += v * v;
  }
  const scale = Math.sqrt(size / Math.max(norm, 1e-12));
  for (let i = 0; i < size; i++) z[i] *= scale;
  return z;
}

/**
 * Runs the generator once for all latents.
 * @param latents n latents of the model's latent size
 * @returns n premultiplied RGBA images, 16×16×4 floats each
 */
export function generateImages(model: tf.LayersModel, latents: readonly Float32Array[], classes: readonly SpriteClass[]): Float32Array[] {
  const n = latents.length;
  if (n === 0) return [];
  const latent = latents[0].length;
  const zs = new Float32Array(n * latent);
  const ys = new Float32Array(n * CLASS_COUNT);
  latents.forEach((z, i) => zs.set(z, i * latent));
  classes.forEach((c, i) => (ys[i * CLASS_COUNT + SPRITE_CLASSES.indexOf(c)] = 1));
  // The tensor leaves tidy, not its data: tidy walks a returned container key by key looking for
  // tensors, which for a 256-sprite Float32Array took longer than the generator itself.
  const t = tf.tidy(() => model.predict([tf.tensor2d(zs, [n, latent]), tf.tensor2d(ys, [n, CLASS_COUNT])], { batchSize: Math.min(n, 256) }) as tf.Tensor);
  const out = t.dataSync() as Float32Array;
  t.dispose();
  const per = SPRITE_SIZE * SPRITE_SIZE * 4;
  return Array.from({ length: n }, (_, i) => out.slice(i * per, (i + 1) * per));
}

/**
 * A SpriteSampler around a loaded generator. Each request's latent comes from `rng.fork(key)`,
 * so a key's sprite does not depend on which other sprites the world asks for; all requests run
 * in one batch; frames come from the same post-processing evaluation measures.
 */
export function ganSampler(model: tf.LayersModel): SpriteSampler {
  const latent = checkGenerator(model, 'sprite GAN');
  return {
    name: 'gan',
    sampleSprites(requests: readonly SpriteRequest[], rng: Rng, options: SpriteSampleOptions): Sprite[] {
      const latents = requests.map((r) => drawLatent(rng.fork(`sprite:${r.key}`), latent, options.truncation));
      const images = generateImages(model, latents, requests.map((r) => r.cls));
      return requests.map((r, i) => ({ size: SPRITE_SIZE, frames: finishSprite(images[i], postOptionsFor(r.cls, r.biome, options)) }));
    },
  };
}

/**
 * Loads the generator from a URL (e.g. "models/sprite-gan/model.json") or an IOHandler and wraps
 * it as the 'gan' SpriteSampler. Throws an Error saying what is wrong when the weights are
 * missing, corrupt or of the wrong shape (the game then falls back to procedural sprites).
 */
export async function loadSpriteGan(source: string | tf.io.IOHandler): Promise<SpriteSampler> {
  const where = typeof source === 'string' ? source : 'sprite GAN handler';
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(source);
  } catch (e) {
    throw new Error(`sprite GAN: cannot load ${where} (${(e as Error).message})`);
  }
  try {
    const sampler = ganSampler(model);
    // A finite test output: corrupt weights (NaN/Inf) must fail here, not draw garbage later.
    const probe = generateImages(model, [new Float32Array(model.inputs[0].shape[1] as number)], ['item'])[0];
    if (!probe.every(Number.isFinite)) throw new Error('weights produce non-finite pixels');
    return sampler;
  } catch (e) {
    model.dispose();
    throw new Error(`sprite GAN: ${where}: ${(e as Error).message.replace(/^sprite GAN: /, '')}`);
  }
}
