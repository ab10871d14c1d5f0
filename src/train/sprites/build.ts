import { createRng } from '../../core/rng';
import { dedupe, splitByGroup, toBytes, type SpriteDataset } from './dataset';
import { loadEmojiTiles, loadSheetTiles, type RawTiles } from './datasetFiles';

/** How to build the sprite data set. */
export interface BuildOptions {
  /** Project root (where node_modules is). */
  root: string;
  /** emoji-datasource styles to use when no sheet is given. */
  styles: string[];
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
  size: 16,
  inner: 14,
  held: 0.2,
  dedupe: 0.02,
  seed: 'sprites',
};

/** The stated augmentation, applied on the fly by training (not baked into the cache). */
export const AUGMENTATION = 'random horizontal flip and random translation by up to ±1 px (real and generated images alike, DiffAugment-style, in the discriminator)';

/** Loads sources, removes near-copies, splits by group. */
export function buildDataset(o: BuildOptions): SpriteDataset & { hash: string; source: string; dropped: number } {
  const parts: RawTiles[] = o.sheet
    ? [loadSheetTiles(o.sheet.path, o.sheet.cell, o.sheet.labels, Math.min(o.inner, o.sheet.cell), o.size)]
    : o.styles.map((s) => loadEmojiTiles(o.root, s, o.inner, o.size));
  const tiles = parts.flatMap((p) => p.tiles);
  const images = parts.flatMap((p) => p.images);
  const keep = dedupe(tiles, images, o.dedupe);
  const kept = keep.map((i) => tiles[i]);
  splitByGroup(kept, createRng(o.seed), o.held);
  const n = o.size * o.size * 4;
  const pixels = new Uint8Array(keep.length * n);
  keep.forEach((i, k) => pixels.set(toBytes(images[i]), k * n));
  const source = o.sheet ? `sheet ${o.sheet.path}` : o.styles.map((s) => `emoji-datasource-${s}@16`).join(' + ');
  return { size: o.size, tiles: kept, pixels, hash: parts.map((p) => p.hash).join(':'), source, dropped: tiles.length - keep.length };
}
