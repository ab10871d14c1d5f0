import type { Grid } from '../core/grid';
import { borderSide } from '../core/room';
import type { TileChar } from '../core/tiles';
import { BIOMES, type Biome } from '../core/vocab';

/**
 * Where each tile picture sits in the tileset image, and which picture a room cell shows.
 * The game and the Tiled export both call `tileIndexAt`, so a `.tmj` looks like the game.
 *
 * The image is 16 tiles across; each biome owns a block of `SLOTS_PER_BIOME` slots (3 rows).
 * Inside a block, slots are laid out as in `SLOT` below.
 */
export const TILE_PX = 16;
export const TILESET_COLUMNS = 16;
export const SLOTS_PER_BIOME = 48;
export const TILESET_ROWS = (BIOMES.length * SLOTS_PER_BIOME) / TILESET_COLUMNS;
export const TILESET_WIDTH = TILESET_COLUMNS * TILE_PX;
export const TILESET_HEIGHT = TILESET_ROWS * TILE_PX;
export const TILE_COUNT = BIOMES.length * SLOTS_PER_BIOME;

/** Slot offsets inside a biome block. */
export const SLOT = {
  /** 4 floor variants, then the same 4 with the shadow of a wall above. */
  floor: 0,
  floorShadow: 4,
  /** 16 wall pictures, one per mask of open neighbours (N=1, E=2, S=4, W=8). */
  wall: 8,
  block: 24, // 2 variants
  door: 26, // N, E, S, W
  stairs: 30,
  water: 31, // frames A, B
  waterShore: 33, // frames A, B (water below a bank)
  bridgeH: 35,
  bridgeV: 36,
  blockInWater: 37, // frames A, B
  void: 39,
} as const;

export const FLOOR_VARIANTS = 4;
export const BLOCK_VARIANTS = 2;

/** Animated slots: [first frame slot, second frame slot]; Tiled and Phaser loop them. */
export const ANIMATED_SLOTS: ReadonlyArray<readonly [number, number]> = [
  [SLOT.water, SLOT.water + 1],
  [SLOT.waterShore, SLOT.waterShore + 1],
  [SLOT.blockInWater, SLOT.blockInWater + 1],
];
/** Milliseconds per frame of the water/lava animation. */
export const WATER_FRAME_MS = 520;

/** What a tileset index shows (for Tiled tile properties and tests). */
export interface TileMeta {
  biome: Biome;
  char: TileChar;
  slot: number;
}

const SLOT_CHARS: ReadonlyArray<readonly [number, number, TileChar]> = [
  [SLOT.floor, SLOT.wall, 'F'],
  [SLOT.wall, SLOT.block, 'W'],
  [SLOT.block, SLOT.door, 'B'],
  [SLOT.door, SLOT.stairs, 'D'],
  [SLOT.stairs, SLOT.water, 'S'],
  [SLOT.water, SLOT.bridgeH, 'P'],
  [SLOT.bridgeH, SLOT.blockInWater, 'O'],
  [SLOT.blockInWater, SLOT.void, 'I'],
  [SLOT.void, SLOTS_PER_BIOME, '-'],
];

/** The biome and tile char a tileset index (0-based) shows. Spare slots report void. */
export function tileMeta(index: number): TileMeta {
  if (!Number.isInteger(index) || index < 0 || index >= TILE_COUNT) throw new Error(`tileMeta: index ${index} outside 0..${TILE_COUNT - 1}`);
  const biome = BIOMES[Math.floor(index / SLOTS_PER_BIOME)];
  const slot = index % SLOTS_PER_BIOME;
  const char = SLOT_CHARS.find(([lo, hi]) => slot >= lo && slot < hi)?.[2] ?? '-';
  return { biome, char, slot };
}

/** First tileset index of a biome's block. */
export function biomeBase(biome: Biome): number {
  const i = BIOMES.indexOf(biome);
  if (i < 0) throw new Error(`tileset: unknown biome '${String(biome)}'`);
  return i * SLOTS_PER_BIOME;
}

/**
 * A stable hash of integers to [0, 1): picks tile variants by position, so the same room always
 * shows the same pictures without drawing from an RNG stream.
 */
export function positionHash(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const v of values) {
    h ^= v | 0;
    h = Math.imul(h, 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return (h >>> 0) / 4294967296;
}

const isWaterish = (c: TileChar | undefined) => c === 'P' || c === 'I' || c === 'O';

/** A wall's neighbour is "open" (the wall shows an edge there) unless it is wall, void or outside. */
function openAt(grid: Grid, x: number, y: number): boolean {
  if (!grid.inside(x, y)) return false;
  const c = grid.get(x, y);
  return c !== 'W' && c !== '-';
}

/** Floor variant: mostly plain, sometimes decorated (variant 2 and 3 are the busy ones). */
function floorVariant(h: number): number {
  if (h < 0.5) return 0;
  if (h < 0.82) return 1;
  if (h < 0.93) return 2;
  return 3;
}

/**
 * The tileset index (0-based; Tiled gid = index + 1) that cell (x, y) of a room shows.
 * @param roomX,roomY the room's position in the world (varies the variant hash between rooms)
 */
export function tileIndexAt(biome: Biome, grid: Grid, x: number, y: number, roomX = 0, roomY = 0): number {
  const base = biomeBase(biome);
  const c = grid.get(x, y);
  const h = positionHash(roomX, roomY, x, y);
  switch (c) {
    case 'F': {
      const shadow = y > 0 && grid.get(x, y - 1) === 'W';
      return base + (shadow ? SLOT.floorShadow : SLOT.floor) + floorVariant(h);
    }
    case 'W': {
      const mask = (openAt(grid, x, y - 1) ? 1 : 0) | (openAt(grid, x + 1, y) ? 2 : 0) | (openAt(grid, x, y + 1) ? 4 : 0) | (openAt(grid, x - 1, y) ? 8 : 0);
      return base + SLOT.wall + mask;
    }
    case 'B':
      return base + SLOT.block + (h < 0.7 ? 0 : 1);
    case 'D': {
      const side = borderSide(x, y) ?? 'N';
      return base + SLOT.door + ['N', 'E', 'S', 'W'].indexOf(side);
    }
    case 'S':
      return base + SLOT.stairs;
    case 'P': {
      const shore = y > 0 && !isWaterish(grid.get(x, y - 1));
      return base + (shore ? SLOT.waterShore : SLOT.water);
    }
    case 'O': {
      // A bridge with water at its sides runs up-down (it crosses a river flowing left-right).
      const wet = (xx: number, yy: number) => grid.inside(xx, yy) && (grid.get(xx, yy) === 'P' || grid.get(xx, yy) === 'I');
      const waterSides = wet(x - 1, y) || wet(x + 1, y);
      const waterEnds = wet(x, y - 1) || wet(x, y + 1);
      return base + (waterSides && !waterEnds ? SLOT.bridgeV : SLOT.bridgeH);
    }
    case 'I':
      return base + SLOT.blockInWater;
    default:
      return base + SLOT.void;
  }
}

/** Tileset indices of every cell of a room, row-major (16×11 = 176 entries). */
export function roomTileIndices(biome: Biome, grid: Grid, roomX = 0, roomY = 0): number[] {
  const out: number[] = [];
  for (let y = 0; y < grid.height; y++) for (let x = 0; x < grid.width; x++) out.push(tileIndexAt(biome, grid, x, y, roomX, roomY));
  return out;
}

/** Tileset indices that block movement (walls, blocks, water, void): the collision set. */
export function solidTileIndices(): number[] {
  const out: number[] = [];
  for (let i = 0; i < TILE_COUNT; i++) {
    const c = tileMeta(i).char;
    if (c === 'W' || c === 'B' || c === 'P' || c === 'I' || c === '-') out.push(i);
  }
  return out;
}
