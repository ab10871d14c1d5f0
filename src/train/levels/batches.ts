import { ROOM_H, ROOM_W } from '../../core/grid';
import type { Rng } from '../../core/rng';
import { doorMaskOf } from '../../core/room';
import { TILE_INDEX } from '../../core/tiles';
import {
  ROOM_CELLS,
  conditionSize,
  mirrorDoors,
  writeCondition,
  type ConditionVocab,
  type RoomCondition,
} from '../../models/levelVae/encoding';
import type { CorpusRoom } from './corpus';

/**
 * Training batches for the level VAE: rooms as tile indices (one byte per cell) plus their
 * conditions, with optional mirror augmentation (left-right and top-bottom flips keep the door
 * geometry, so a flipped room is a valid room with swapped doors). Built with the project RNG.
 */
export interface RoomTable {
  /** [n, 176] tile indices, row-major. */
  tiles: Uint8Array;
  conds: RoomCondition[];
  size: number;
}

export function roomTable(rooms: readonly CorpusRoom[]): RoomTable {
  const tiles = new Uint8Array(rooms.length * ROOM_CELLS);
  rooms.forEach((r, i) => r.grid.cells.forEach((c, j) => (tiles[i * ROOM_CELLS + j] = TILE_INDEX[c])));
  const conds = rooms.map((r) => ({ doors: doorMaskOf(r.grid), style: r.style, biome: r.biome }));
  return { tiles, conds, size: rooms.length };
}

export interface Batch {
  /** [b, 11, 16] tile indices (int32 for tf.oneHot). */
  tiles: Int32Array;
  /** [b, C] conditions. */
  conds: Float32Array;
  size: number;
}

/**
 * Gathers rows `idx` of the table into a batch; with `augment`, each room is mirrored
 * left-right and/or top-bottom with probability ½ each (drawn from `rng`).
 */
export function makeBatch(
  table: RoomTable,
  idx: readonly number[],
  vocab: ConditionVocab,
  augment: boolean,
  rng: Rng,
): Batch {
  const b = idx.length;
  const tiles = new Int32Array(b * ROOM_CELLS);
  const C = conditionSize(vocab);
  const conds = new Float32Array(b * C);
  idx.forEach((row, k) => {
    const fx = augment && rng.chance(0.5);
    const fy = augment && rng.chance(0.5);
    const src = row * ROOM_CELLS;
    for (let y = 0; y < ROOM_H; y++) {
      const sy = fy ? ROOM_H - 1 - y : y;
      for (let x = 0; x < ROOM_W; x++) {
        const sx = fx ? ROOM_W - 1 - x : x;
        tiles[k * ROOM_CELLS + y * ROOM_W + x] = table.tiles[src + sy * ROOM_W + sx];
      }
    }
    const cond = table.conds[row];
    writeCondition({ ...cond, doors: mirrorDoors(cond.doors, fx, fy) }, vocab, conds, k * C);
  });
  return { tiles, conds, size: b };
}

/** Row indices 0..n-1 in a seeded random order, cut into batches of `batchSize` (last one dropped if short). */
export function epochOrder(n: number, batchSize: number, rng: Rng): number[][] {
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  const out: number[][] = [];
  for (let i = 0; i + batchSize <= n; i += batchSize) out.push(order.slice(i, i + batchSize));
  if (out.length === 0 && n > 0) out.push(order);
  return out;
}
