import type * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../core/rng';
import { SPRITE_CLASSES, type SpriteClass } from '../../core/vocab';
import { fromPremul } from '../../art/spriteImage';
import { finishSprite } from '../../art/spritePost';
import { postOptionsFor } from '../../art/spriteStyle';
import { drawLatent, generateImages } from '../../models/spriteGan/sampler';
import { SPRITE_SIZE } from '../../models/spriteGan/model';
import { DEFAULT_PARAMS } from '../../core/params';
import { writeSpriteGrid } from './sheetPng';

/**
 * A training sample grid: per class one row of `perClass` raw generator outputs and one row of
 * the same sprites after the game's post-processing (grassland palette).
 */
export function writeSampleGrid(path: string, model: tf.LayersModel, rng: Rng, perClass = 16): void {
  const latent = model.inputs[0].shape[1] as number;
  const classes: SpriteClass[] = SPRITE_CLASSES.flatMap((c) => Array<SpriteClass>(perClass).fill(c));
  const images = generateImages(model, classes.map(() => drawLatent(rng, latent, DEFAULT_PARAMS.sprites.truncation)), classes);
  const tiles: Uint8ClampedArray[] = [];
  SPRITE_CLASSES.forEach((cls, c) => {
    const mine = images.slice(c * perClass, (c + 1) * perClass);
    tiles.push(...mine.map((im) => fromPremul(im)));
    tiles.push(...mine.map((im) => finishSprite(im, postOptionsFor(cls, 'grassland', DEFAULT_PARAMS.sprites))[0]));
  });
  writeSpriteGrid(path, tiles, SPRITE_SIZE, perClass, 4);
}
