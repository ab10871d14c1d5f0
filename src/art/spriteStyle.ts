import type { SpriteSampleOptions } from '../pipeline/ports';
import type { Biome, SpriteClass } from '../core/vocab';
import { biomePalette } from './palette';
import type { PostOptions } from './spritePost';

/**
 * Mirror symmetry per class: creatures and characters face the player, so left–right symmetry
 * turns a noisy blob into a body with two eyes; items (swords, keys, bottles) are often
 * diagonal or one-sided, so they stay as drawn.
 */
export const MIRROR_BY_CLASS: Readonly<Record<SpriteClass, boolean>> = {
  creature: true,
  character: true,
  item: false,
};

/** The post-processing the game applies to a sprite of `cls` in `biome` (used by evaluation too). */
export function postOptionsFor(cls: SpriteClass, biome: Biome, o: SpriteSampleOptions): PostOptions {
  return { palette: biomePalette(biome), paletteSize: o.paletteSize, outline: o.outline, mirror: MIRROR_BY_CLASS[cls] };
}
