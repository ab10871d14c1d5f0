import type { BiomeLook } from './tilesetBiomes';
import { mix, noise, shade, type Rgb, type TileCanvas } from './tilesetPixels';

/**
 * Painters for the walkable and liquid tiles: ground, door paths, stairs, water or lava,
 * bridges and void. Each paints one 16×16 cell of a TileCanvas; `salt` varies the noise.
 */

/** Ground texture per style; variant 0 is plain, 1–3 add tufts, flowers, stones, leaves. */
export function paintGround(c: TileCanvas, look: BiomeLook, variant: number, salt: number): void {
  const g = look.ground;
  if (g.style === 'slabs') {
    paintSlabs(c, look, variant, salt);
    return;
  }
  const darkRate = g.style === 'sand' ? 0.05 : 0.12;
  c.speckle(salt, g.base, g.dark, g.light, darkRate, 0.06);
  if (g.style === 'sand') {
    // Wind ripples: short wavy dark runs.
    for (let r = 0; r < 3; r++) {
      const y0 = 2 + r * 5 + Math.floor(noise(salt, r, 99) * 3);
      const x0 = Math.floor(noise(salt, r, 98) * 8);
      for (let x = x0; x < x0 + 7; x++) c.set(x, y0 + (Math.floor(x / 3) % 2), g.dark);
    }
  }
  if (variant === 1) tufts(c, look, salt, 3);
  if (variant === 2) {
    if (g.style === 'sand') pebbles(c, look, salt, 4);
    else flowers(c, look, salt, 2);
  }
  if (variant === 3) {
    if (g.style === 'moss') leaves(c, look, salt);
    else pebbles(c, look, salt, 3);
  }
}

function tufts(c: TileCanvas, look: BiomeLook, salt: number, n: number): void {
  const g = look.ground;
  for (let i = 0; i < n; i++) {
    const x = 2 + Math.floor(noise(salt, i, 1) * 11);
    const y = 3 + Math.floor(noise(salt, i, 2) * 10);
    c.set(x, y, g.dark);
    c.set(x + 2, y, g.dark);
    c.set(x + 1, y + 1, g.dark);
    c.set(x + 1, y, g.light);
  }
}

function flowers(c: TileCanvas, look: BiomeLook, salt: number, n: number): void {
  const g = look.ground;
  for (let i = 0; i < n; i++) {
    const x = 3 + Math.floor(noise(salt, i, 3) * 10);
    const y = 3 + Math.floor(noise(salt, i, 4) * 10);
    const petal = g.accents[Math.floor(noise(salt, i, 5) * 2)];
    c.set(x, y - 1, petal);
    c.set(x - 1, y, petal);
    c.set(x + 1, y, petal);
    c.set(x, y + 1, petal);
    c.set(x, y, g.accents[0] === petal ? g.accents[2] : g.accents[0]);
    c.set(x + 1, y + 2, g.dark);
  }
}

function pebbles(c: TileCanvas, look: BiomeLook, salt: number, n: number): void {
  const g = look.ground;
  for (let i = 0; i < n; i++) {
    const x = 2 + Math.floor(noise(salt, i, 6) * 12);
    const y = 2 + Math.floor(noise(salt, i, 7) * 12);
    const tone = g.accents[i % 2 === 0 ? 0 : 2];
    c.set(x, y, tone);
    c.set(x + 1, y, shade(tone, 1.15));
    c.set(x, y + 1, shade(tone, 0.7));
    c.set(x + 1, y + 1, shade(tone, 0.7));
  }
}

function leaves(c: TileCanvas, look: BiomeLook, salt: number): void {
  const g = look.ground;
  for (let i = 0; i < 4; i++) {
    const x = 2 + Math.floor(noise(salt, i, 8) * 11);
    const y = 2 + Math.floor(noise(salt, i, 9) * 11);
    const tone = g.accents[i % 2];
    c.set(x, y, tone);
    c.set(x + 1, y, tone);
    c.set(x + 1, y + 1, shade(tone, 0.75));
  }
  // A small red mushroom.
  const mx = 4 + Math.floor(noise(salt, 9, 9) * 7);
  const my = 5 + Math.floor(noise(salt, 9, 10) * 6);
  c.rect(mx - 1, my, 3, 1, g.accents[2]);
  c.set(mx, my - 1, g.accents[2]);
  c.set(mx, my, [240, 230, 220]);
  c.set(mx, my + 1, [230, 220, 200]);
}

/** Cave floor: 8×8 stone slabs with mortar, bevel light and cracks. */
function paintSlabs(c: TileCanvas, look: BiomeLook, variant: number, salt: number): void {
  const g = look.ground;
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      const sx = x % 8;
      const sy = y % 8;
      const slab = (Math.floor(x / 8) + Math.floor(y / 8) * 2) * 7 + salt;
      const tint = 0.92 + noise(slab, 0, 0) * 0.16;
      let col: Rgb = shade(g.base, tint);
      if (noise(salt, x, y) < 0.1) col = shade(g.dark, tint);
      if (sx === 0 || sy === 0) col = g.light;
      if (sx === 7 || sy === 7) col = g.dark;
      c.set(x, y, col);
    }
  }
  if (variant >= 2) {
    // A crack wandering across one slab.
    let x = 2 + Math.floor(noise(salt, 1, 1) * 4);
    for (let y = 1; y < 7; y++) {
      c.set(x, y + (variant === 3 ? 8 : 0), g.dark);
      x += noise(salt, y, 2) < 0.5 ? 1 : 0;
    }
  }
  if (variant === 3) {
    c.set(11, 3, g.accents[0]);
    c.set(12, 3, g.accents[0]);
    c.set(12, 4, g.dark);
  }
}

/** Darkens the top rows: the shadow a wall casts on the ground below it. */
export function castWallShadow(c: TileCanvas): void {
  const f = [0.62, 0.72, 0.84, 0.93];
  for (let y = 0; y < f.length; y++) for (let x = 0; x < 16; x++) c.darken(x, y, f[y]);
}

/** A door: a trodden path through the wall, worn darker along the direction of travel. */
export function paintDoor(c: TileCanvas, look: BiomeLook, side: 'N' | 'E' | 'S' | 'W', salt: number): void {
  const p = look.path;
  c.speckle(salt, p.base, p.dark, p.light, 0.14, 0.1);
  const vertical = side === 'N' || side === 'S';
  for (let i = 0; i < 16; i++) {
    for (const k of [4, 11]) {
      if (noise(salt, i, k) < 0.7) {
        if (vertical) c.set(k, i, p.dark);
        else c.set(i, k, p.dark);
      }
    }
  }
  // The edge towards the neighbour room fades into shadow (the passage leads on).
  for (let d = 0; d < 3; d++) {
    const f = 0.72 + d * 0.1;
    for (let i = 0; i < 16; i++) {
      if (side === 'N') c.darken(i, d, f);
      if (side === 'S') c.darken(i, 15 - d, f);
      if (side === 'W') c.darken(d, i, f);
      if (side === 'E') c.darken(15 - d, i, f);
    }
  }
}

/** Stairs going down: four steps, each with a lit tread and a dark riser. */
export function paintStairs(c: TileCanvas, look: BiomeLook): void {
  const w = look.wall;
  c.rect(0, 0, 16, 16, w.faceDark);
  for (let s = 0; s < 4; s++) {
    const y = s * 4;
    const inset = s;
    c.rect(inset, y, 16 - inset * 2, 2, mix(w.light, w.face, s * 0.25));
    c.rect(inset, y + 2, 16 - inset * 2, 2, shade(w.faceDark, 1 - s * 0.12));
  }
}

/** Water (or lava) with moving highlights; `frame` 0/1 shifts the waves; `shore` adds a bank. */
export function paintWater(c: TileCanvas, look: BiomeLook, frame: number, shore: boolean): void {
  const w = look.water;
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      const wave = Math.sin((x + frame * 3) * 0.8 + y * 1.7) + Math.sin((y - frame * 2) * 0.9 - x * 0.4);
      c.set(x, y, wave > 1.1 ? w.mid : wave < -1.3 ? shade(w.deep, 0.88) : w.deep);
    }
  }
  // Glints: short horizontal strokes that move between frames.
  const glints = w.lava ? [[3, 4], [10, 9], [6, 13]] : [[2, 4], [9, 8], [5, 12], [12, 2]];
  for (const [gx, gy] of glints) {
    const x = (gx + frame * 2) % 14;
    c.set(x, gy, w.light);
    c.set(x + 1, gy, w.light);
    if (!w.lava) c.set(x + 2, gy, w.mid);
    else c.set(x + 1, gy - 1, w.mid);
  }
  if (shore) {
    c.rect(0, 0, 16, 2, w.bank);
    for (let x = 0; x < 16; x++) {
      c.set(x, 2, w.lava ? w.light : mix(w.light, w.mid, (x + frame) % 3 === 0 ? 0 : 0.5));
      c.set(x, 3, w.lava ? w.mid : mix(w.mid, w.light, 0.3));
    }
  }
}

/** A plank bridge; `along` is the direction of travel. */
export function paintBridge(c: TileCanvas, look: BiomeLook, along: 'h' | 'v'): void {
  const wd = look.wood;
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      const across = along === 'h' ? x : y;
      const onPlank = across % 4;
      c.set(x, y, onPlank === 3 ? wd.dark : onPlank === 0 ? wd.light : wd.plank);
    }
  }
  // Rails on both sides, with posts.
  for (let i = 0; i < 16; i++) {
    for (const k of [0, 1, 14, 15]) {
      const col = k === 0 || k === 15 ? wd.dark : i % 5 === 0 ? wd.light : shade(wd.plank, 0.8);
      if (along === 'h') c.set(i, k, col);
      else c.set(k, i, col);
    }
  }
}

/** The void: near black with faint specks, darker towards the middle. */
export function paintVoid(c: TileCanvas, look: BiomeLook, salt: number): void {
  c.speckle(salt, look.void, shade(look.void, 0.6), mix(look.void, [90, 90, 110], 0.25), 0.2, 0.04);
}
