import type { Rng } from '../../core/rng';
import { SPRITE_CLASSES, type SpriteClass } from '../../core/vocab';
import { meanAbsDiff, padCentre, resampleArea, toPremul } from '../../art/spriteImage';

/** One training/evaluation image and where it came from. */
export interface SpriteTile {
  cls: SpriteClass;
  /** Split group: all tiles of one group fall on the same side of the split. */
  group: string;
  /** Image set, e.g. "twitter", "google", or "sheet" for a user's own sheet. */
  style: string;
  name: string;
  /**
   * `extra`: a real tile of a training-split emoji in another artist's style, used only to train
   * the evaluation classifier (never by the GAN, never held out).
   */
  split: 'train' | 'held' | 'extra';
}

/** Tiles plus their pixels: premultiplied RGBA as bytes (value·255), size×size×4 per tile. */
export interface SpriteDataset {
  size: number;
  tiles: SpriteTile[];
  pixels: Uint8Array;
}

/** A decoded RGBA image (straight alpha). */
export interface RgbaImage {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

/**
 * Copies the w×h cell at (x, y) out of a sheet, as straight RGBA bytes. Throws when the cell
 * falls outside the sheet.
 */
export function cutCell(sheet: RgbaImage, x: number, y: number, w: number, h: number): Uint8ClampedArray {
  if (x < 0 || y < 0 || x + w > sheet.width || y + h > sheet.height) {
    throw new Error(`cutCell: cell at ${x},${y} (${w}×${h}) is outside the ${sheet.width}×${sheet.height} sheet`);
  }
  if (sheet.data.length !== sheet.width * sheet.height * 4) throw new Error('cutCell: sheet is not RGBA (4 channels)');
  const out = new Uint8ClampedArray(w * h * 4);
  for (let row = 0; row < h; row++) {
    const s = ((y + row) * sheet.width + x) * 4;
    for (let i = 0; i < w * 4; i++) out[row * w * 4 + i] = sheet.data[s + i];
  }
  return out;
}

/**
 * A sheet cell → a training tile: shrink the cell to `inner`×`inner` (area average, premultiplied)
 * and centre it on a `size`×`size` canvas, leaving a margin for the outline.
 * @returns premultiplied RGBA floats, size×size×4
 */
export function tileFromCell(cell: ArrayLike<number>, cellSize: number, inner: number, size: number): Float32Array {
  const small = inner === cellSize ? toPremul(cell) : resampleArea(toPremul(cell), cellSize, cellSize, inner, inner);
  return inner === size ? small : padCentre(small, inner, inner, size);
}

/** Premultiplied floats → bytes for the cache. */
export function toBytes(p: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = Math.round(Math.max(0, Math.min(1, p[i])) * 255);
  return out;
}

/** Pixels of tile i as premultiplied floats in [0, 1]. */
export function tilePixels(ds: SpriteDataset, i: number): Float32Array {
  const n = ds.size * ds.size * 4;
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) out[k] = ds.pixels[i * n + k] / 255;
  return out;
}

/**
 * Drops near-copies: within each group, a tile whose mean absolute difference to a kept tile is
 * below `threshold` (in [0, 1] units) is removed (e.g. the "family" emoji that differ by one hair
 * colour). Also drops fully transparent tiles. Keeps order.
 */
export function dedupe(tiles: readonly SpriteTile[], images: readonly Float32Array[], threshold: number): number[] {
  const kept: number[] = [];
  const byGroup = new Map<string, number[]>();
  tiles.forEach((t, i) => {
    let alpha = 0;
    for (let k = 3; k < images[i].length; k += 4) alpha += images[i][k];
    if (alpha < 1) return;
    const key = `${t.style}|${t.group}`;
    const peers = byGroup.get(key) ?? [];
    if (peers.some((j) => meanAbsDiff(images[i], images[j]) < threshold)) return;
    peers.push(i);
    byGroup.set(key, peers);
    kept.push(i);
  });
  return kept;
}

/**
 * Assigns the split by group: per class, a shuffled `heldFraction` of the groups (at least one)
 * is held out. Deterministic in the rng; mutates and returns the tiles.
 */
export function splitByGroup(tiles: SpriteTile[], rng: Rng, heldFraction: number): SpriteTile[] {
  for (const cls of SPRITE_CLASSES) {
    const groups = [...new Set(tiles.filter((t) => t.cls === cls).map((t) => t.group))].sort();
    if (groups.length < 2) {
      for (const t of tiles) if (t.cls === cls) t.split = 'train';
      continue;
    }
    const nHeld = Math.max(1, Math.round(groups.length * heldFraction));
    const held = new Set(rng.fork(cls).shuffle(groups).slice(0, nHeld));
    for (const t of tiles) if (t.cls === cls) t.split = held.has(t.group) ? 'held' : 'train';
  }
  return tiles;
}

/** The dataset without the tiles of one split (e.g. the classifier-only `extra` tiles), pixels included. */
export function withoutSplit(ds: SpriteDataset, split: SpriteTile['split']): SpriteDataset {
  const n = ds.size * ds.size * 4;
  const keep = ds.tiles.flatMap((t, i) => (t.split === split ? [] : [i]));
  const pixels = new Uint8Array(keep.length * n);
  keep.forEach((i, k) => pixels.set(ds.pixels.subarray(i * n, (i + 1) * n), k * n));
  return { size: ds.size, tiles: keep.map((i) => ds.tiles[i]), pixels };
}

/** Count of tiles per class and split, for reports. */
export function datasetCounts(tiles: readonly SpriteTile[]): Record<string, { train: number; held: number; extra: number; groups: number }> {
  const out: Record<string, { train: number; held: number; extra: number; groups: number }> = {};
  for (const cls of SPRITE_CLASSES) {
    const mine = tiles.filter((t) => t.cls === cls);
    out[cls] = {
      train: mine.filter((t) => t.split === 'train').length,
      held: mine.filter((t) => t.split === 'held').length,
      extra: mine.filter((t) => t.split === 'extra').length,
      groups: new Set(mine.map((t) => t.group)).size,
    };
  }
  return out;
}

/** Indices of the tiles of the given split(s), grouped by class index (SPRITE_CLASSES order). */
export function indicesByClass(tiles: readonly SpriteTile[], split: SpriteTile['split'] | readonly SpriteTile['split'][]): number[][] {
  const splits: readonly string[] = typeof split === 'string' ? [split] : split;
  return SPRITE_CLASSES.map((cls) => tiles.flatMap((t, i) => (t.cls === cls && splits.includes(t.split) ? [i] : [])));
}
