import type { BiomeLook } from './tilesetBiomes';
import { mix, noise, shade, type Rgb, type TileCanvas } from './tilesetPixels';

/**
 * Painters for the solid tiles: walls (with edge shading per open side) and blocks (an object
 * standing on the ground, so the cell must already hold a ground picture).
 */

/** Open-side bits of a wall mask. */
export const OPEN_N = 1;
export const OPEN_E = 2;
export const OPEN_S = 4;
export const OPEN_W = 8;

/** Rows of a wall's front face (visible when the wall has ground below it). */
const FACE_TOP = 10;

/**
 * A wall seen from above at a slant: its top surface everywhere, a front face where the ground
 * below is open, a lit lip where the ground above is open and shaded sides.
 */
export function paintWall(c: TileCanvas, look: BiomeLook, mask: number, salt: number): void {
  const w = look.wall;
  paintWallTop(c, look, salt);
  if (mask & OPEN_S) {
    paintWallFace(c, look, salt);
    for (let x = 0; x < 16; x++) c.set(x, FACE_TOP - 1, w.topDark);
    for (let x = 0; x < 16; x++) c.set(x, 15, w.faceDark);
  }
  const topRows = mask & OPEN_S ? FACE_TOP - 1 : 16;
  if (mask & OPEN_N) {
    for (let x = 0; x < 16; x++) {
      c.set(x, 0, w.light);
      c.blend(x, 1, w.light, 0.45);
    }
  }
  if (mask & OPEN_W) {
    for (let y = 0; y < topRows; y++) {
      c.set(0, y, w.light);
      c.blend(1, y, w.light, 0.35);
    }
  }
  if (mask & OPEN_E) {
    for (let y = 0; y < 16; y++) {
      c.set(15, y, y < topRows ? w.topDark : w.faceDark);
      c.blend(14, y, w.faceDark, 0.35);
    }
  }
}

function paintWallTop(c: TileCanvas, look: BiomeLook, salt: number): void {
  const w = look.wall;
  switch (w.style) {
    case 'canopy': {
      c.rect(0, 0, 16, 16, w.topDark);
      // Overlapping leaf clumps, lit from the top left; tile-periodic so walls join seamlessly.
      const clumps: Array<[number, number]> = [[3, 3], [11, 2], [7, 8], [15, 9], [0, 10], [4, 14], [12, 15]];
      for (const [cx, cy] of clumps) {
        c.ellipse(cx, cy, 4.6, 4, (x, y, dx, dy) => {
          const lit = -dx - dy;
          const n = noise(salt, x, y);
          if (lit > 0.9 && n < 0.7) return w.light;
          if (lit < -0.7) return shade(w.top, 0.82);
          return n < 0.12 ? w.topDark : w.top;
        });
      }
      return;
    }
    case 'sandstone':
    case 'bricks': {
      // Large flat blocks of stone: 8×4 staggered, light top edges, dark bottom edges.
      for (let y = 0; y < 16; y++) {
        for (let x = 0; x < 16; x++) {
          const row = Math.floor(y / 4);
          const bx = (x + (row % 2) * 4) % 8;
          const by = y % 4;
          let col: Rgb = noise(salt, x, y) < 0.15 ? w.topDark : w.top;
          if (by === 0) col = mix(w.top, w.light, 0.45);
          if (by === 3 || bx === 7) col = w.topDark;
          c.set(x, y, col);
        }
      }
      return;
    }
    default: {
      // Rocky cliff top: lumpy stones (a tile-periodic Voronoi pattern), lit from the top left.
      const seeds: Array<[number, number]> = [[3, 3], [11, 2], [7, 8], [14, 10], [2, 12], [10, 14], [6, 0]];
      for (let y = 0; y < 16; y++) {
        for (let x = 0; x < 16; x++) {
          let d1 = Infinity;
          let d2 = Infinity;
          let near: [number, number] = seeds[0];
          for (const [sx, sy] of seeds) {
            for (const [ox, oy] of [[0, 0], [16, 0], [-16, 0], [0, 16], [0, -16]]) {
              const d = Math.hypot(x + 0.5 - sx - ox, y + 0.5 - sy - oy);
              if (d < d1) {
                d2 = d1;
                d1 = d;
                near = [sx + ox, sy + oy];
              } else if (d < d2) d2 = d;
            }
          }
          const edge = d2 - d1;
          const lit = (near[0] - x) + (near[1] - y);
          let col: Rgb = w.top;
          if (edge < 1) col = w.faceDark;
          else if (edge < 2 && lit < 0) col = w.topDark;
          else if (lit > 1.5 && d1 < 3) col = w.light;
          if (noise(salt, x, y) < 0.08 && edge >= 1) col = w.topDark;
          c.set(x, y, col);
        }
      }
    }
  }
}

function paintWallFace(c: TileCanvas, look: BiomeLook, salt: number): void {
  const w = look.wall;
  for (let y = FACE_TOP; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      let col: Rgb = w.face;
      const n = noise(salt + 7, x, y);
      switch (w.style) {
        case 'canopy': {
          // Trunks in the shade under the canopy.
          const trunk = x % 8 >= 2 && x % 8 <= 4;
          col = trunk ? (x % 8 === 2 ? mix(w.face, w.light, 0.2) : w.face) : shade(w.faceDark, 0.7);
          if (y === FACE_TOP && !trunk) col = shade(w.topDark, 0.8);
          break;
        }
        case 'sandstone':
        case 'bricks': {
          const row = Math.floor((y - FACE_TOP) / 3);
          const bx = (x + (row % 2) * 4) % 8;
          const by = (y - FACE_TOP) % 3;
          col = bx === 0 || by === 2 ? w.faceDark : by === 0 ? mix(w.face, w.light, 0.25) : w.face;
          break;
        }
        default:
          // Cliff face: vertical strata.
          col = (x + Math.floor(noise(salt, x, 50) * 2)) % 4 === 0 ? w.faceDark : n < 0.2 ? shade(w.face, 0.85) : w.face;
      }
      c.set(x, y, col);
    }
  }
}

/** A soft dark ellipse on the ground under an object. */
function groundShadow(c: TileCanvas, cx: number, cy: number, rx: number, ry: number): void {
  c.ellipse(cx, cy, rx, ry, (x, y) => shade(c.get(x, y), 0.65));
}

/** An outlined ellipse, lit from the top left. */
function ball(c: TileCanvas, cx: number, cy: number, rx: number, ry: number, main: Rgb, dark: Rgb, light: Rgb, salt: number): void {
  c.ellipse(cx, cy, rx, ry, (x, y, dx, dy) => {
    const r = dx * dx + dy * dy;
    if (r > 0.72) return shade(dark, 0.75);
    const lit = -dx * 0.7 - dy;
    if (lit > 0.55 && noise(salt, x, y) < 0.85) return light;
    if (lit < -0.45) return dark;
    return main;
  });
}

/** A block: bush, tree, cactus or boulder standing on the ground already in the cell. */
export function paintBlock(c: TileCanvas, look: BiomeLook, variant: number, salt: number): void {
  const b = look.block;
  switch (b.style) {
    case 'bush':
      groundShadow(c, 8, 12, 7, 3.5);
      ball(c, 8, 8.5, 7.4, 6.6, b.main, b.dark, b.light, salt);
      if (variant === 1) for (const [x, y] of [[5, 7], [10, 6], [8, 10], [11, 10]]) c.set(x, y, b.extra);
      return;
    case 'tree':
      groundShadow(c, 8, 13, 6.5, 3);
      c.rect(6, 10, 4, 5, b.extra);
      c.rect(6, 10, 1, 5, shade(b.extra, 1.3));
      c.rect(9, 10, 1, 5, shade(b.extra, 0.6));
      if (variant === 1) {
        // A pine: stacked tiers.
        for (let t = 0; t < 3; t++) ball(c, 8, 3 + t * 3.2, 3 + t * 1.6, 2.6, b.main, b.dark, b.light, salt + t);
      } else {
        ball(c, 8, 6.5, 7.6, 6.4, b.main, b.dark, b.light, salt);
      }
      return;
    case 'cactus':
      groundShadow(c, 8, 14, 5, 2);
      if (variant === 1) {
        ball(c, 8, 10, 5.5, 5, b.main, b.dark, b.light, salt);
        for (let x = 5; x <= 11; x += 3) for (let y = 7; y <= 13; y += 3) c.set(x, y, b.light);
        c.set(8, 5, b.extra);
        c.set(7, 5, b.extra);
        c.set(8, 4, shade(b.extra, 0.8));
        return;
      }
      c.rect(6, 2, 4, 13, b.main);
      c.rect(3, 6, 3, 2, b.main);
      c.rect(3, 3, 2, 4, b.main);
      c.rect(10, 8, 3, 2, b.main);
      c.rect(11, 5, 2, 4, b.main);
      c.rect(6, 2, 1, 13, b.light);
      c.rect(9, 2, 1, 13, b.dark);
      c.rect(3, 3, 1, 4, b.light);
      c.rect(12, 5, 1, 4, b.dark);
      c.set(7, 1, b.main);
      c.set(8, 1, b.main);
      return;
    default:
      if (variant === 1) {
        groundShadow(c, 8, 13, 6, 2.5);
        const shards: Array<[number, number, number]> = [[5, 6, 3], [8, 3, 4], [11, 7, 3]];
        for (const [x0, top, half] of shards) {
          for (let y = top; y < 14; y++) {
            const width = Math.min(half, 1 + Math.floor((y - top) / 2));
            for (let dx = -width + 1; dx < width; dx++) c.set(x0 + dx, y, dx < 0 ? mix(b.extra, [255, 255, 255], 0.45) : dx > 0 ? shade(b.extra, 0.6) : b.extra);
          }
        }
        return;
      }
      groundShadow(c, 8, 12.5, 7, 3);
      ball(c, 8, 8.5, 7, 6.2, b.main, b.dark, b.light, salt);
      c.set(9, 7, b.dark);
      c.set(10, 8, b.dark);
      c.set(10, 9, b.dark);
  }
}

/** A rock standing in water or lava (the cell already holds the liquid). */
export function paintRockInWater(c: TileCanvas, look: BiomeLook, salt: number): void {
  const b = look.block;
  const rock = look.water.lava ? ([52, 46, 52] as Rgb) : b.main;
  const dark = look.water.lava ? ([28, 24, 30] as Rgb) : b.dark;
  const light = look.water.lava ? ([96, 84, 88] as Rgb) : b.light;
  c.ellipse(8, 11, 7.5, 3.5, (x, y) => mix(c.get(x, y), look.water.light, 0.35));
  ball(c, 8, 8, 6.6, 5.8, rock, dark, light, salt);
}
