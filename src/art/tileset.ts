import { encode } from 'fast-png';
import { BIOMES } from '../core/vocab';
import { BIOME_LOOKS } from './tilesetBiomes';
import { castWallShadow, paintBridge, paintDoor, paintGround, paintStairs, paintVoid, paintWater } from './tilesetGround';
import {
  BLOCK_VARIANTS,
  FLOOR_VARIANTS,
  SLOT,
  SLOTS_PER_BIOME,
  TILESET_COLUMNS,
  TILESET_HEIGHT,
  TILESET_WIDTH,
} from './tilesetLayout';
import { TileCanvas } from './tilesetPixels';
import { paintBlock, paintRockInWater, paintWall } from './tilesetSolid';

/** The painted tileset: RGBA pixels plus its size (see tilesetLayout for where each tile is). */
export interface TilesetImage {
  width: number;
  height: number;
  /** width×height×4 bytes, straight alpha, row-major. */
  data: Uint8ClampedArray;
}

const colOf = (index: number) => index % TILESET_COLUMNS;
const rowOf = (index: number) => Math.floor(index / TILESET_COLUMNS);

/**
 * Paints every tile of every biome into one image (256×192 px). Pure and deterministic: the
 * game registers it as a texture and the exporters write it as the Tiled tileset PNG.
 */
export function paintTileset(): TilesetImage {
  const data = new Uint8ClampedArray(TILESET_WIDTH * TILESET_HEIGHT * 4);
  const c = new TileCanvas(data, TILESET_WIDTH);
  BIOMES.forEach((biome, b) => {
    const look = BIOME_LOOKS[biome];
    const base = b * SLOTS_PER_BIOME;
    const cell = (slot: number) => c.at(colOf(base + slot), rowOf(base + slot));
    const salt = (slot: number) => b * 1000 + slot;
    for (let v = 0; v < FLOOR_VARIANTS; v++) {
      paintGround(cell(SLOT.floor + v), look, v, salt(SLOT.floor + v));
      cell(SLOT.floorShadow + v).copyFrom(colOf(base + SLOT.floor + v), rowOf(base + SLOT.floor + v));
      castWallShadow(c);
    }
    for (let mask = 0; mask < 16; mask++) paintWall(cell(SLOT.wall + mask), look, mask, salt(SLOT.wall));
    for (let v = 0; v < BLOCK_VARIANTS; v++) {
      cell(SLOT.block + v).copyFrom(colOf(base + SLOT.floor), rowOf(base + SLOT.floor));
      paintBlock(c, look, v, salt(SLOT.block + v));
    }
    (['N', 'E', 'S', 'W'] as const).forEach((side, i) => paintDoor(cell(SLOT.door + i), look, side, salt(SLOT.door)));
    paintStairs(cell(SLOT.stairs), look);
    for (let frame = 0; frame < 2; frame++) {
      paintWater(cell(SLOT.water + frame), look, frame, false);
      paintWater(cell(SLOT.waterShore + frame), look, frame, true);
      paintWater(cell(SLOT.blockInWater + frame), look, frame, false);
      paintRockInWater(c, look, salt(SLOT.blockInWater));
    }
    paintBridge(cell(SLOT.bridgeH), look, 'h');
    paintBridge(cell(SLOT.bridgeV), look, 'v');
    paintVoid(cell(SLOT.void), look, salt(SLOT.void));
    // Spare slots stay transparent.
  });
  return { width: TILESET_WIDTH, height: TILESET_HEIGHT, data };
}

/** The tileset as PNG file bytes (fast-png; identical bytes in Node and the browser). */
export function tilesetPng(image: TilesetImage = paintTileset()): Uint8Array {
  return encode({ width: image.width, height: image.height, data: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength), channels: 4, depth: 8 });
}
