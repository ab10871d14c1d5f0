import type { SpriteSampleOptions } from '../pipeline/ports';
import type { Biome, SpriteClass } from '../core/vocab';
import { biomePalette } from './palette';
import type { PostOptions } from './spritePost';

/**
 * Mirror symmetry per class, where the real drawings are symmetric: characters face the player
 * (median left–right asymmetry of their training silhouettes 0.015), so symmetry turns a noisy
 * bust into a face; creatures are mostly drawn in profile (median 0.23: fish, birds, deer), and
 * mirroring a profile gives a two-headed blob; items (median 0.11: swords, keys, bottles) are often
 * diagonal or one-sided. Asymmetry = Σ|α − mirror(α)| / Σ(α + mirror(α)), measured on the
 * training split in docs/sprites.md.
 */
export const MIRROR_BY_CLASS: Readonly<Record<SpriteClass, boolean>> = {
  creature: false,
  character: true,
  item: false,
};

/** The post-processing the game applies to a sprite of `cls` in `biome` (used by evaluation too). */
export function postOptionsFor(cls: SpriteClass, biome: Biome, o: SpriteSampleOptions): PostOptions {
  const mirror = MIRROR_BY_CLASS[cls] || (cls === 'creature' && o.mirrorCreatures);
  return { palette: biomePalette(biome), paletteSize: o.paletteSize, outline: o.outline, mirror };
}
