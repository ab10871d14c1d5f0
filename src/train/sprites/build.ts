import { createRng } from '../../core/rng';
import { dedupe, splitByGroup, toBytes, type SpriteDataset, type SpriteTile } from './dataset';
import { loadEmojiTiles, loadSheetTiles, type RawTiles } from './datasetFiles';
import { ICONIFY_STYLES, loadIconifyTiles } from './iconifyTiles';

/** How to build the sprite data set. */
export interface BuildOptions {
  /** Project root (where node_modules is). */
  root: string;
  /** emoji-datasource styles to use when no sheet is given. */
  styles: string[];
  /**
   * Iconify emoji sets (ICONIFY_STYLES) whose tiles of training-split emoji train the evaluation
   * classifier only (split `extra`); ignored with a user's sheet.
   */
  extraStyles: string[];
  /** A user's own sheet instead of the emoji sets. */
  sheet?: { path: string; cell: number; labels: string };
  /** Tile side (16) and the side of the content inside it (14: 1-px margin for the outline). */
  size: number;
  inner: number;
  /** Share of groups held out per class. */
  held: number;
  /** Near-copy threshold (mean absolute difference, [0, 1]). */
  dedupe: number;
  seed: string;
}

export const DEFAULT_BUILD: Omit<BuildOptions, 'root'> = {
  styles: ['twitter', 'google'],
  extraStyles: ['fluent', 'emojione'],
  size: 16,
  inner: 14,
  held: 0.2,
  dedupe: 0.02,
  seed: 'sprites',
};

/** The stated augmentation, applied on the fly by training (not baked into the cache). */
export const AUGMENTATION = 'random horizontal flip and random translation by up to ±1 px (real and generated images alike, DiffAugment-style, in the discriminator)';

/** What buildDataset returns: the tiles, and where they came from. */
export interface BuiltDataset extends SpriteDataset {
  /** Hash and description of the GAN's sources (the `train` and `held` tiles). */
  hash: string;
  source: string;
  /** Hash and description of the classifier-only `extra` tiles ('' when none). */
  extraHash: string;
  extraSource: string;
  /** Near-copies removed. */
  dropped: number;
}

/**
 * Which of `extra` may train the classifier: those whose group is not held out in `split` (the
 * split, main tiles). Returns their indices in `extra`.
 */
export function outsideHeldOut(split: readonly SpriteTile[], extra: readonly SpriteTile[]): number[] {
  const held = new Set(split.filter((t) => t.split === 'held').map((t) => t.group));
  return extra.flatMap((t, i) => (held.has(t.group) ? [] : [i]));
}

/**
 * Loads sources, removes near-copies, splits by group. Extra styles are added after the split
 * (so they cannot move it): tiles of held-out groups are dropped, the rest become `extra`.
 */
export function buildDataset(o: BuildOptions): BuiltDataset {
  const parts: RawTiles[] = o.sheet
    ? [loadSheetTiles(o.sheet.path, o.sheet.cell, o.sheet.labels, Math.min(o.inner, o.sheet.cell), o.size)]
    : o.styles.map((s) => loadEmojiTiles(o.root, s, o.inner, o.size));
  const tiles = parts.flatMap((p) => p.tiles);
  const images = parts.flatMap((p) => p.images);
  const keep = dedupe(tiles, images, o.dedupe);
  const kept = keep.map((i) => tiles[i]);
  splitByGroup(kept, createRng(o.seed), o.held);
  const extraStyles = o.sheet ? [] : o.extraStyles;
  const extraParts = extraStyles.map((s) => loadIconifyTiles(o.root, s, o.inner, o.size));
  const extraTiles = extraParts.flatMap((p) => p.tiles);
  const extraImages = extraParts.flatMap((p) => p.images);
  const extraDistinct = dedupe(extraTiles, extraImages, o.dedupe);
  const extraKeep = outsideHeldOut(kept, extraDistinct.map((i) => extraTiles[i])).map((k) => extraDistinct[k]);
  const n = o.size * o.size * 4;
  const pixels = new Uint8Array((keep.length + extraKeep.length) * n);
  keep.forEach((i, k) => pixels.set(toBytes(images[i]), k * n));
  extraKeep.forEach((i, k) => pixels.set(toBytes(extraImages[i]), (keep.length + k) * n));
  const source = o.sheet ? `sheet ${o.sheet.path}` : o.styles.map((s) => `emoji-datasource-${s}@16`).join(' + ');
  return {
    size: o.size,
    tiles: [...kept, ...extraKeep.map((i): SpriteTile => ({ ...extraTiles[i], split: 'extra' }))],
    pixels,
    hash: parts.map((p) => p.hash).join(':'),
    source,
    extraHash: extraParts.map((p) => p.hash).join(':'),
    extraSource: extraStyles.map((s) => ICONIFY_STYLES[s].pkg).join(' + '),
    dropped: tiles.length - keep.length + extraTiles.length - extraDistinct.length,
  };
}
