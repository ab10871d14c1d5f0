import { describe, expect, it } from 'vitest';
import { BIOMES } from '../../src/core/vocab';
import { biomePalette, chooseColours, MAX_PALETTE } from '../../src/art/palette';
import { flipX, fromPremul, padCentre, resampleArea, toPremul } from '../../src/art/spriteImage';
import { countColours, finishSprite } from '../../src/art/spritePost';
import { createRng } from '../../src/core/rng';
import { postOptionsFor } from '../../src/art/spriteStyle';
import { DEFAULT_PARAMS } from '../../src/core/params';

/** A soft premultiplied 16×16 test image: a noisy, many-coloured disc with a fuzzy edge. */
function softDisc(seed: string): Float32Array {
  const rng = createRng(seed);
  const rgba = new Uint8ClampedArray(16 * 16 * 4);
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      const d = Math.hypot(x - 6.5, y - 7.5);
      const o = (y * 16 + x) * 4;
      rgba[o] = rng.int(0, 255);
      rgba[o + 1] = rng.int(0, 255);
      rgba[o + 2] = rng.int(0, 255);
      rgba[o + 3] = Math.max(0, Math.min(255, Math.round((6 - d) * 120)));
    }
  }
  return toPremul(rgba);
}

const opaque = (f: Uint8ClampedArray, i: number) => f[i * 4 + 3] > 0;

describe('palette', () => {
  it('every biome has 16 colours with the same outline colour, and biomes differ', () => {
    const palettes = BIOMES.map(biomePalette);
    for (const p of palettes) {
      expect(p).toHaveLength(MAX_PALETTE);
      expect(p[0]).toEqual(palettes[0][0]);
    }
    expect(palettes[1]).not.toEqual(palettes[0]);
    expect(palettes[3]).not.toEqual(palettes[2]);
  });

  it('chooseColours keeps the reserved entry and at most the budget', () => {
    const colours = [250, 240, 230, 250, 240, 230, 200, 60, 60, 60, 110, 200];
    const keep = chooseColours(colours, biomePalette('grassland'), 2, [0]);
    expect(keep).toHaveLength(2);
    expect(keep[0]).toBe(0);
    expect(keep[1]).toBe(15); // white is the most used colour
  });
});

describe('finishSprite', () => {
  for (const paletteSize of [2, 5, 12, 16]) {
    it(`uses at most ${paletteSize} colours, all from the world palette`, () => {
      const palette = biomePalette('desert');
      const [a, b] = finishSprite(softDisc(`p${paletteSize}`), { palette, paletteSize, outline: true, mirror: false });
      const allowed = new Set(palette.map(([r, g, bl]) => (r << 16) | (g << 8) | bl));
      for (const f of [a, b]) {
        expect(countColours(f)).toBeLessThanOrEqual(paletteSize);
        for (let i = 0; i < 256; i++) if (opaque(f, i)) expect(allowed.has((f[i * 4] << 16) | (f[i * 4 + 1] << 8) | f[i * 4 + 2])).toBe(true);
      }
    });
  }

  it('makes alpha binary and rings the shape with a 1-px outline in colour 0', () => {
    const palette = biomePalette('grassland');
    const soft = softDisc('o');
    const [plain] = finishSprite(soft, { palette, paletteSize: 8, outline: false, mirror: false });
    const [lined] = finishSprite(soft, { palette, paletteSize: 8, outline: true, mirror: false });
    for (let i = 0; i < 256; i++) expect([0, 255]).toContain(lined[i * 4 + 3]);
    let ring = 0;
    for (let y = 0; y < 16; y++) {
      for (let x = 0; x < 16; x++) {
        const i = y * 16 + x;
        const nearShape = [[1, 0], [-1, 0], [0, 1], [0, -1]].some(([dx, dy]) => {
          const [nx, ny] = [x + dx, y + dy];
          return nx >= 0 && ny >= 0 && nx < 16 && ny < 16 && opaque(plain, ny * 16 + nx);
        });
        if (!opaque(plain, i) && nearShape) {
          ring++;
          expect(Array.from(lined.slice(i * 4, i * 4 + 3))).toEqual([...palette[0]]);
        }
        if (!opaque(plain, i) && !nearShape) expect(opaque(lined, i)).toBe(false);
      }
    }
    expect(ring).toBeGreaterThan(10);
  });

  it('mirrors characters always, creatures only when asked, items never', () => {
    const o = DEFAULT_PARAMS.sprites;
    expect(postOptionsFor('character', 'grassland', o).mirror).toBe(true);
    expect(postOptionsFor('creature', 'grassland', o).mirror).toBe(false);
    expect(postOptionsFor('creature', 'grassland', { ...o, mirrorCreatures: true }).mirror).toBe(true);
    expect(postOptionsFor('item', 'grassland', { ...o, mirrorCreatures: true }).mirror).toBe(false);
  });

  it('mirror symmetry gives a left-right symmetric sprite', () => {
    const [f] = finishSprite(softDisc('m'), { palette: biomePalette('cave'), paletteSize: 10, outline: true, mirror: true });
    expect(Array.from(flipX(f))).toEqual(Array.from(f));
  });

  it('frame 2 squashes the top down by one pixel and keeps the bottom rows', () => {
    const [a, b] = finishSprite(softDisc('s'), { palette: biomePalette('forest'), paletteSize: 12, outline: false, mirror: false });
    expect(Array.from(b)).not.toEqual(Array.from(a));
    expect(Array.from(b.slice(15 * 64))).toEqual(Array.from(a.slice(15 * 64)));
    const rows = (f: Uint8ClampedArray) => [...Array(16).keys()].filter((y) => [...Array(16).keys()].some((x) => opaque(f, y * 16 + x)));
    expect(rows(b)[0]).toBe(rows(a)[0] + 1);
  });

  it('removes isolated specks and rejects bad options', () => {
    const img = new Float32Array(1024);
    img[(3 * 16 + 3) * 4 + 3] = 1; // one opaque pixel
    const [f] = finishSprite(img, { palette: biomePalette('grassland'), paletteSize: 4, outline: true, mirror: false });
    expect(f.every((v) => v === 0)).toBe(true);
    expect(() => finishSprite(img, { palette: biomePalette('grassland'), paletteSize: 1, outline: true, mirror: false })).toThrow(/paletteSize/);
    expect(() => finishSprite(new Float32Array(10), { palette: biomePalette('grassland'), paletteSize: 4, outline: true, mirror: false })).toThrow(/square/);
  });
});

describe('sprite pixels', () => {
  it('premultiply round trip and area resampling keep colour and coverage', () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 0, 255, 128, 0, 0, 0, 0, 10, 20, 30, 255]);
    const back = fromPremul(toPremul(rgba));
    for (let i = 0; i < rgba.length; i++) expect(Math.abs(back[i] - rgba[i])).toBeLessThanOrEqual(1);
    const half = resampleArea(toPremul(rgba), 2, 2, 1, 1);
    expect(half[3]).toBeCloseTo((1 + 128 / 255 + 0 + 1) / 4, 5);
    const padded = padCentre(half, 1, 1, 3);
    expect(padded[(1 * 3 + 1) * 4 + 3]).toBeCloseTo(half[3], 6);
  });
});
