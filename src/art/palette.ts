import type { Biome } from '../core/vocab';

/** An opaque colour, 0–255 per channel. */
export type Rgb = readonly [number, number, number];

/**
 * The base world palette: 16 colours chosen to cover what sprites need (an outline near-black,
 * browns for fur and wood, two skin tones, yellow, warm and cool hues, grey, white). Index 0 is
 * the outline colour. Biomes re-tint it, so every sprite of one world shares one palette.
 */
const BASE: readonly Rgb[] = [
  [27, 20, 35], // 0 outline
  [74, 47, 40], // 1 dark brown
  [138, 90, 59], // 2 brown
  [201, 139, 91], // 3 tan
  [242, 201, 160], // 4 light skin
  [245, 210, 75], // 5 yellow
  [232, 133, 58], // 6 orange
  [195, 60, 60], // 7 red
  [217, 106, 168], // 8 pink
  [107, 74, 158], // 9 purple
  [47, 107, 58], // 10 dark green
  [93, 176, 74], // 11 green
  [63, 111, 196], // 12 blue
  [134, 197, 234], // 13 light blue
  [140, 143, 158], // 14 grey
  [243, 240, 230], // 15 white
];

interface Tint {
  /** Colour mixed into every entry, and how much of it. */
  colour: Rgb;
  amount: number;
  /** Multiplies brightness. */
  light: number;
  /** 1 keeps saturation; below 1 greys colours out. */
  saturation: number;
}

const TINTS: Readonly<Record<Biome, Tint>> = {
  grassland: { colour: [255, 255, 255], amount: 0, light: 1, saturation: 1 },
  forest: { colour: [40, 110, 60], amount: 0.14, light: 0.9, saturation: 1 },
  desert: { colour: [240, 170, 90], amount: 0.18, light: 1.05, saturation: 0.95 },
  cave: { colour: [70, 80, 140], amount: 0.2, light: 0.82, saturation: 0.75 },
};

/** The palette size every world uses at most (the limit). */
export const MAX_PALETTE = 16;

/**
 * The 16-colour world palette of a biome; entry 0 is the (unchanged) outline colour.
 * @returns 16 RGB triples
 */
export function biomePalette(biome: Biome): Rgb[] {
  const t = TINTS[biome];
  if (!t) throw new Error(`biomePalette: unknown biome '${String(biome)}'`);
  return BASE.map((c, i) => {
    if (i === 0) return c;
    const grey = 0.3 * c[0] + 0.59 * c[1] + 0.11 * c[2];
    const out = c.map((v, k) => {
      const sat = grey + (v - grey) * t.saturation;
      const mixed = sat * (1 - t.amount) + t.colour[k] * t.amount;
      return Math.max(0, Math.min(255, Math.round(mixed * t.light)));
    });
    return [out[0], out[1], out[2]] as const;
  });
}

/** Perceptual-ish squared distance ("redmean" weighting: cheap and good enough for 16 colours). */
export function colourDistance(r: number, g: number, b: number, c: Rgb): number {
  const rm = (r + c[0]) / 2;
  const dr = r - c[0];
  const dg = g - c[1];
  const db = b - c[2];
  return (2 + rm / 256) * dr * dr + 4 * dg * dg + (2 + (255 - rm) / 256) * db * db;
}

/** Index of the palette entry nearest to (r, g, b) among `allowed` indices (all when omitted). */
export function nearestColour(r: number, g: number, b: number, palette: readonly Rgb[], allowed?: readonly number[]): number {
  let best = -1;
  let bestD = Infinity;
  const n = allowed ? allowed.length : palette.length;
  for (let k = 0; k < n; k++) {
    const i = allowed ? allowed[k] : k;
    const d = colourDistance(r, g, b, palette[i]);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/**
 * Picks the palette entries a sprite may use: its `budget` most used entries after mapping each
 * pixel to its nearest palette colour. `reserved` entries (the outline) are always kept and count
 * towards the budget.
 * @param colours straight RGB per opaque pixel, flat [r,g,b, r,g,b, ...]
 */
export function chooseColours(colours: ArrayLike<number>, palette: readonly Rgb[], budget: number, reserved: readonly number[] = []): number[] {
  if (budget < 1 || budget > palette.length) throw new Error(`chooseColours: budget ${budget} outside 1..${palette.length}`);
  const counts = new Array<number>(palette.length).fill(0);
  for (let i = 0; i < colours.length; i += 3) counts[nearestColour(colours[i], colours[i + 1], colours[i + 2], palette)]++;
  const keep = reserved.slice(0, budget);
  const order = counts
    .map((n, i) => [n, i] as const)
    .filter(([n, i]) => n > 0 && !keep.includes(i))
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (keep.length >= budget) break;
    keep.push(i);
  }
  return keep;
}
