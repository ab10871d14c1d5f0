import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decode } from 'fast-png';
import { SPRITE_CLASSES, type SpriteClass } from '../../core/vocab';
import { classOfEmoji, groupOfEmoji } from './emojiClasses';
import { cutCell, tileFromCell, type RgbaImage, type SpriteDataset, type SpriteTile } from './dataset';

/** Raw tiles before de-duplication and splitting. */
export interface RawTiles {
  tiles: SpriteTile[];
  images: Float32Array[];
  /** sha256 over the source files, for meta.json. */
  hash: string;
}

/** Reads a PNG as 8-bit straight RGBA; throws naming the file when it is not a usable PNG. */
export function readPng(path: string): RgbaImage {
  let png;
  try {
    png = decode(readFileSync(path));
  } catch (e) {
    throw new Error(`${path}: not a readable PNG (${(e as Error).message})`);
  }
  const { width, height, channels, depth } = png;
  if (png.palette) throw new Error(`${path}: indexed PNGs are not supported; save it as RGBA`);
  const n = width * height;
  const data = new Uint8ClampedArray(n * 4);
  const scale = depth === 16 ? 1 / 257 : 1;
  for (let i = 0; i < n; i++) {
    const s = i * channels;
    const grey = channels <= 2;
    data[i * 4] = png.data[s] * scale;
    data[i * 4 + 1] = png.data[grey ? s : s + 1] * scale;
    data[i * 4 + 2] = png.data[grey ? s : s + 2] * scale;
    data[i * 4 + 3] = channels === 4 || channels === 2 ? png.data[s + channels - 1] * scale : 255;
  }
  return { width, height, data };
}

export interface EmojiEntry {
  unified: string;
  short_name: string;
  category: string;
  subcategory: string;
  sheet_x: number;
  sheet_y: number;
  skin_variations?: Record<string, { unified: string; sheet_x: number; sheet_y: number } & Record<string, unknown>>;
  [key: string]: unknown;
}

/** One drawing of a mapped emoji: the emoji itself or one of its skin tones. */
export interface EmojiVariant {
  cls: SpriteClass;
  /** Split group: the emoji's, shared by its skin tones. */
  group: string;
  /** `short_name`, or `short_name:TONE` for a skin tone. */
  name: string;
  unified: string;
  /** The catalogue record of this drawing (the emoji's or the skin tone's). */
  entry: { unified: string; sheet_x: number; sheet_y: number } & Record<string, unknown>;
}

/** The mapped emoji of an emoji-datasource catalogue (`emoji.json`), each with its skin tones. */
export function emojiVariants(entries: readonly EmojiEntry[]): EmojiVariant[][] {
  return entries.flatMap((e) => {
    const cls = classOfEmoji(e.category, e.subcategory, e.short_name);
    if (!cls) return [];
    const group = groupOfEmoji(cls, e.unified);
    const tones = Object.entries(e.skin_variations ?? {}).map(([tone, v]) => ({ cls, group, name: `${e.short_name}:${tone}`, unified: v.unified, entry: v }));
    return [[{ cls, group, name: e.short_name, unified: e.unified, entry: e }, ...tones]];
  });
}

/**
 * Every mapped emoji of one emoji-datasource package (skin tones included), shrunk to tiles.
 * @param style "twitter" or "google" (the package `emoji-datasource-STYLE`)
 */
export function loadEmojiTiles(root: string, style: string, inner: number, size: number): RawTiles {
  const pkg = join(root, 'node_modules', `emoji-datasource-${style}`);
  const sheetPath = join(pkg, 'img', style, 'sheets-clean', '64.png');
  const jsonPath = join(pkg, 'emoji.json');
  if (!existsSync(sheetPath)) throw new Error(`${sheetPath} is missing: run npm ci (emoji-datasource-${style} is a devDependency)`);
  const entries = JSON.parse(readFileSync(jsonPath, 'utf8')) as EmojiEntry[];
  const sheet = readPng(sheetPath);
  const tiles: SpriteTile[] = [];
  const images: Float32Array[] = [];
  const hasImg = `has_img_${style}`;
  for (const [base, ...tones] of emojiVariants(entries)) {
    if (base.entry[hasImg] === false) continue;
    for (const v of [base, ...tones]) {
      if (v.entry[hasImg] === false) continue;
      // Cells are 64 px with a 1-px gutter on each side.
      const cell = cutCell(sheet, v.entry.sheet_x * 66 + 1, v.entry.sheet_y * 66 + 1, 64, 64);
      tiles.push({ cls: v.cls, group: v.group, style, name: v.name, split: 'train' });
      images.push(tileFromCell(cell, 64, inner, size));
    }
  }
  const hash = createHash('sha256').update(readFileSync(sheetPath)).update(readFileSync(jsonPath)).digest('hex');
  return { tiles, images, hash };
}

/**
 * A user's own sheet: cells of `cell` px in rows, no gutter; the labels file has one line per
 * cell in row-major order: a class name (creature|item|character), optionally followed by a
 * group name, or "-" to skip the cell. Blank lines and lines starting with # are ignored.
 */
export function loadSheetTiles(sheetPath: string, cell: number, labelsPath: string, inner: number, size: number): RawTiles {
  if (!Number.isInteger(cell) || cell < 4) throw new Error(`--cell ${cell}: expected an integer ≥ 4`);
  const sheet = readPng(sheetPath);
  if (sheet.width % cell || sheet.height % cell) {
    throw new Error(`${sheetPath}: ${sheet.width}×${sheet.height} is not a whole number of ${cell}-px cells`);
  }
  const labelText = readFileSync(labelsPath, 'utf8');
  const lines = labelText.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const cols = sheet.width / cell;
  const cells = cols * (sheet.height / cell);
  if (lines.length > cells) throw new Error(`${labelsPath}: ${lines.length} labels for ${cells} cells`);
  const tiles: SpriteTile[] = [];
  const images: Float32Array[] = [];
  lines.forEach((line, i) => {
    const [label, group] = line.split(/\s+/);
    if (label === '-') return;
    if (!(SPRITE_CLASSES as readonly string[]).includes(label)) {
      throw new Error(`${labelsPath}: line ${i + 1}: unknown class '${label}' (expected ${SPRITE_CLASSES.join('|')} or -)`);
    }
    const cls = label as SpriteClass;
    const px = cutCell(sheet, (i % cols) * cell, Math.floor(i / cols) * cell, cell, cell);
    tiles.push({ cls, group: `${cls}:${group ?? `cell${i}`}`, style: 'sheet', name: `cell${i}`, split: 'train' });
    images.push(tileFromCell(px, cell, inner, size));
  });
  const hash = createHash('sha256').update(readFileSync(sheetPath)).update(labelText).digest('hex');
  return { tiles, images, hash };
}

/** Writes a file via a temp file and rename, so no half-written file is ever left. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export interface DatasetInfo {
  size: number;
  /** The GAN's sources (train + held tiles). */
  hash: string;
  source: string;
  /** The classifier-only extra tiles' sources (absent in caches written before they existed). */
  extraHash?: string;
  extraSource?: string;
  augmentation: string;
  tiles: SpriteTile[];
}

/** Saves the dataset as `DIR/dataset.json` (tiles, hash) + `DIR/pixels.bin` (bytes). */
export function saveDataset(dir: string, ds: SpriteDataset, info: Omit<DatasetInfo, 'tiles' | 'size'>): void {
  writeAtomic(join(dir, 'pixels.bin'), ds.pixels);
  writeAtomic(join(dir, 'dataset.json'), JSON.stringify({ ...info, size: ds.size, tiles: ds.tiles }));
}

/** Loads a dataset saved by `saveDataset`; clear errors when missing or inconsistent. */
export function loadDataset(dir: string): SpriteDataset & { info: DatasetInfo } {
  const jsonPath = join(dir, 'dataset.json');
  const binPath = join(dir, 'pixels.bin');
  if (!existsSync(jsonPath) || !existsSync(binPath)) throw new Error(`${dir}: no prepared sprite data; run npm run data:sprites`);
  let info: DatasetInfo;
  try {
    info = JSON.parse(readFileSync(jsonPath, 'utf8')) as DatasetInfo;
  } catch (e) {
    throw new Error(`${jsonPath}: malformed JSON (${(e as Error).message}); rerun npm run data:sprites`);
  }
  const pixels = new Uint8Array(readFileSync(binPath));
  const expect = info.tiles.length * info.size * info.size * 4;
  if (pixels.length !== expect) throw new Error(`${binPath}: ${pixels.length} bytes, expected ${expect}; rerun npm run data:sprites`);
  return { size: info.size, tiles: info.tiles, pixels, info };
}
