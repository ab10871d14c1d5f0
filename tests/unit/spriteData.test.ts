import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { buildDataset, DEFAULT_BUILD, outsideHeldOut } from '../../src/train/sprites/build';
import { loadIconifyTiles } from '../../src/train/sprites/iconifyTiles';
import { datasetCounts, dedupe, splitByGroup, tilePixels, withoutSplit, type SpriteTile } from '../../src/train/sprites/dataset';
import { loadDataset, loadSheetTiles, saveDataset } from '../../src/train/sprites/datasetFiles';
import { classOfEmoji, groupOfEmoji } from '../../src/train/sprites/emojiClasses';

const FIXTURE = 'tests/fixtures/sprites/sheet.png';
const LABELS = 'tests/fixtures/sprites/labels.txt';

describe('sprite data from a sheet', () => {
  it('cuts labelled cells into 16×16 premultiplied tiles, skipping "-"', () => {
    const raw = loadSheetTiles(FIXTURE, 16, LABELS, 14, 16);
    expect(raw.tiles.map((t) => t.cls)).toEqual(['creature', 'creature', 'item', 'item', 'character', 'character', 'creature']);
    expect(raw.tiles[0].group).toBe('creature:slime');
    expect(raw.tiles[1].group).toBe('creature:slime');
    expect(raw.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const im of raw.images) {
      expect(im).toHaveLength(1024);
      // 14-px content centred: the 1-px border stays transparent
      for (let x = 0; x < 16; x++) expect(im[x * 4 + 3]).toBe(0);
      // premultiplied: colour never exceeds alpha
      for (let i = 0; i < im.length; i += 4) expect(Math.max(im[i], im[i + 1], im[i + 2])).toBeLessThanOrEqual(im[i + 3] + 1e-6);
    }
  });

  it('builds, splits by group and round-trips through the cache', () => {
    const ds = buildDataset({ ...DEFAULT_BUILD, root: '.', sheet: { path: FIXTURE, cell: 16, labels: LABELS }, held: 0.5 });
    expect(ds.tiles).toHaveLength(7);
    const slime = ds.tiles.filter((t) => t.group === 'creature:slime');
    expect(new Set(slime.map((t) => t.split)).size).toBe(1);
    const counts = datasetCounts(ds.tiles);
    expect(counts.item.train + counts.item.held).toBe(2);
    expect(counts.item.held).toBe(1);
    const dir = mkdtempSync(join(tmpdir(), 'sprites-'));
    saveDataset(dir, ds, { hash: 'h', source: 's', augmentation: 'a' });
    const back = loadDataset(dir);
    expect(back.tiles).toEqual(ds.tiles);
    expect(Array.from(tilePixels(back, 3))).toEqual(Array.from(tilePixels(ds, 3)));
  });

  it('names the problem for bad labels, bad cells and missing cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sprites-'));
    writeFileSync(join(dir, 'bad.txt'), 'creature\ndragonfly\n');
    expect(() => loadSheetTiles(FIXTURE, 16, join(dir, 'bad.txt'), 14, 16)).toThrow(/line 2: unknown class 'dragonfly'/);
    expect(() => loadSheetTiles(FIXTURE, 24, LABELS, 14, 16)).toThrow(/not a whole number of 24-px cells/);
    writeFileSync(join(dir, 'many.txt'), 'item\n'.repeat(9));
    expect(() => loadSheetTiles(FIXTURE, 16, join(dir, 'many.txt'), 14, 16)).toThrow(/9 labels for 8 cells/);
    expect(() => loadDataset(dir)).toThrow(/run npm run data:sprites/);
  });
});

describe('dedupe and split', () => {
  const tile = (group: string): SpriteTile => ({ cls: 'item', group, style: 's', name: group, split: 'train' });
  const img = (v: number) => new Float32Array(1024).fill(v);

  it('drops near-copies within a group and empty tiles', () => {
    const tiles = [tile('a'), tile('a'), tile('a'), tile('b'), tile('c')];
    const images = [img(0.5), img(0.505), img(0.9), img(0.5), img(0)];
    expect(dedupe(tiles, images, 0.02)).toEqual([0, 2, 3]);
  });

  it('split is deterministic per seed and keeps groups whole', () => {
    const tiles = () => Array.from({ length: 40 }, (_, i) => tile(`g${i % 10}`));
    const a = splitByGroup(tiles(), createRng('x'), 0.2);
    const b = splitByGroup(tiles(), createRng('x'), 0.2);
    expect(a).toEqual(b);
    expect(new Set(a.filter((t) => t.split === 'held').map((t) => t.group)).size).toBe(2);
  });

  it('extra-style tiles of held-out groups never reach the classifier', () => {
    const split = splitByGroup(Array.from({ length: 10 }, (_, i) => tile(`g${i}`)), createRng('x'), 0.3);
    const heldGroups = split.filter((t) => t.split === 'held').map((t) => t.group);
    const extra = [tile('g0'), tile('g1'), tile('g2'), tile('g3'), tile('new')];
    const kept = outsideHeldOut(split, extra).map((i) => extra[i].group);
    expect(kept).toContain('new');
    expect(kept.filter((g) => heldGroups.includes(g))).toEqual([]);
    expect(kept.length).toBe(extra.length - extra.filter((t) => heldGroups.includes(t.group)).length);
  });
});

describe('withoutSplit', () => {
  it('drops one split, tiles and pixels together', () => {
    const tiles: SpriteTile[] = ['train', 'extra', 'held', 'extra'].map((split, i) => ({ cls: 'item', group: `g${i}`, style: 's', name: `t${i}`, split: split as SpriteTile['split'] }));
    const pixels = new Uint8Array(4 * 1024).map((_, k) => Math.floor(k / 1024) + 1);
    const out = withoutSplit({ size: 16, tiles, pixels }, 'extra');
    expect(out.tiles.map((t) => t.name)).toEqual(['t0', 't2']);
    expect(out.pixels).toHaveLength(2 * 1024);
    expect([out.pixels[0], out.pixels[1023], out.pixels[1024], out.pixels[2047]]).toEqual([1, 1, 3, 3]);
  });
});

describe('extra emoji styles (Iconify SVG sets)', () => {
  it('rasterises Fluent and EmojiOne emoji into tiles grouped like the emoji-datasource ones', () => {
    for (const style of ['fluent', 'emojione']) {
      const raw = loadIconifyTiles('.', style, 14, 16);
      expect(raw.tiles.length).toBeGreaterThan(500);
      const dog = raw.tiles.findIndex((t) => t.name === 'dog');
      expect(raw.tiles[dog]).toMatchObject({ cls: 'creature', group: groupOfEmoji('creature', '1F436'), style });
      const baby = raw.tiles.filter((t) => t.group === groupOfEmoji('character', '1F476'));
      expect(baby.length).toBe(6); // the five skin tones share the default's group
      const im = raw.images[dog];
      expect(im).toHaveLength(1024);
      for (let x = 0; x < 16; x++) expect(im[x * 4 + 3]).toBe(0);
      let alpha = 0;
      for (let i = 3; i < im.length; i += 4) alpha += im[i];
      expect(alpha).toBeGreaterThan(40); // a drawn dog, not an empty tile
      for (let i = 0; i < im.length; i += 4) expect(Math.max(im[i], im[i + 1], im[i + 2])).toBeLessThanOrEqual(im[i + 3] + 1e-6);
    }
    expect(() => loadIconifyTiles('.', 'nope', 14, 16)).toThrow(/unknown extra sprite style 'nope'/);
  });
});

describe('emoji class mapping', () => {
  it('maps subcategories to classes and groups gender and skin-tone variants together', () => {
    expect(classOfEmoji('Animals & Nature', 'animal-mammal', 'wolf')).toBe('creature');
    expect(classOfEmoji('People & Body', 'person-role', 'farmer')).toBe('character');
    expect(classOfEmoji('Food & Drink', 'food-fruit', 'apple')).toBe('item');
    expect(classOfEmoji('Flags', 'country-flag', 'flag-fr')).toBeNull();
    expect(classOfEmoji('Animals & Nature', 'animal-mammal', 'feet')).toBeNull();
    const farmer = groupOfEmoji('character', '1F9D1-200D-1F33E');
    expect(groupOfEmoji('character', '1F468-1F3FD-200D-1F33E')).toBe(farmer);
    expect(groupOfEmoji('character', '1F469-200D-1F33E')).toBe(farmer);
    expect(groupOfEmoji('character', '1F469-200D-1F373')).not.toBe(farmer);
  });
});
