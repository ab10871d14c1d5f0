import { Grid, ROOM_H, ROOM_W } from '../../core/grid';
import type { Rng } from '../../core/rng';
import { SIDES, type DoorMask } from '../../core/room';
import { TILE_CHARS, TILE_INDEX } from '../../core/tiles';
import { BIOMES, ROOM_STYLES } from '../../core/vocab';

/**
 * How rooms and their conditions become model tensors (and back). Pure code, no tfjs: the
 * trainer, the sampler and the tests share it.
 *
 * Tiles: one-hot over TILE_CHARS (F W B D S P O I -), laid out [row, column, tile] (NHWC).
 * Condition: [doors N E S W (0/1), style one-hot, biome one-hot].
 */
export const TILE_COUNT = TILE_CHARS.length;
export const ROOM_CELLS = ROOM_W * ROOM_H;
/** Floats per room in the one-hot encoding (11·16·9 = 1584). */
export const ROOM_FLOATS = ROOM_CELLS * TILE_COUNT;

/** The style and biome names a model was trained with (its condition vocabulary). */
export interface ConditionVocab {
  readonly styles: readonly string[];
  readonly biomes: readonly string[];
}

/** The project's vocabulary: the classic generator's five styles and the four biomes. */
export const PROJECT_VOCAB: ConditionVocab = { styles: ROOM_STYLES, biomes: BIOMES };

/** What a room is conditioned on. */
export interface RoomCondition {
  doors: DoorMask;
  style: string;
  biome: string;
}

/** Length of a condition vector for `vocab` (4 door bits + styles + biomes). */
export function conditionSize(vocab: ConditionVocab): number {
  return SIDES.length + vocab.styles.length + vocab.biomes.length;
}

/**
 * Index of `name` in `names`. A vocabulary of one entry (a custom corpus without styles or
 * biomes) accepts any name; otherwise an unknown name is an error naming the choices.
 */
function vocabIndex(names: readonly string[], name: string, what: string): number {
  const i = names.indexOf(name);
  if (i >= 0) return i;
  if (names.length === 1) return 0;
  throw new Error(`level VAE: unknown ${what} '${name}' (model knows ${names.join(', ')})`);
}

/** Writes the condition of one room at `offset` of `out` (conditionSize(vocab) floats). */
export function writeCondition(
  cond: RoomCondition,
  vocab: ConditionVocab,
  out: Float32Array,
  offset: number,
): void {
  const size = conditionSize(vocab);
  out.fill(0, offset, offset + size);
  SIDES.forEach((side, i) => {
    if (cond.doors[side]) out[offset + i] = 1;
  });
  out[offset + SIDES.length + vocabIndex(vocab.styles, cond.style, 'style')] = 1;
  out[offset + SIDES.length + vocab.styles.length + vocabIndex(vocab.biomes, cond.biome, 'biome')] = 1;
}

/** Conditions of a batch as a flat [n, conditionSize] array. */
export function conditionBatch(conds: readonly RoomCondition[], vocab: ConditionVocab): Float32Array {
  const size = conditionSize(vocab);
  const out = new Float32Array(conds.length * size);
  conds.forEach((c, i) => writeCondition(c, vocab, out, i * size));
  return out;
}

/** Writes the one-hot tiles of a 16×11 room at `offset` of `out` (ROOM_FLOATS floats). */
export function writeTiles(grid: Grid, out: Float32Array, offset: number): void {
  if (grid.width !== ROOM_W || grid.height !== ROOM_H) {
    throw new Error(`level VAE: room is ${grid.width}×${grid.height}, expected ${ROOM_W}×${ROOM_H}`);
  }
  out.fill(0, offset, offset + ROOM_FLOATS);
  for (let i = 0; i < ROOM_CELLS; i++) out[offset + i * TILE_COUNT + TILE_INDEX[grid.cells[i]]] = 1;
}

/** One-hot tiles of a batch as a flat [n, 11, 16, 9] array. */
export function tileBatch(rooms: readonly Grid[]): Float32Array {
  const out = new Float32Array(rooms.length * ROOM_FLOATS);
  rooms.forEach((g, i) => writeTiles(g, out, i * ROOM_FLOATS));
  return out;
}

/**
 * Turns per-tile logits (room `index` of a flat [n, 11, 16, 9] array) into a room.
 * temperature 0: argmax per tile (deterministic). Above 0: each tile drawn from
 * softmax(logits / temperature) with `rng` (required then), cells in row-major order.
 */
export function logitsToRoom(
  logits: Float32Array,
  index: number,
  temperature = 0,
  rng?: Rng,
): Grid {
  const grid = new Grid(ROOM_W, ROOM_H);
  const base = index * ROOM_FLOATS;
  const p = new Float64Array(TILE_COUNT);
  for (let cell = 0; cell < ROOM_CELLS; cell++) {
    const o = base + cell * TILE_COUNT;
    let best = 0;
    for (let t = 1; t < TILE_COUNT; t++) if (logits[o + t] > logits[o + best]) best = t;
    if (temperature > 0) {
      if (!rng) throw new Error('level VAE: temperature sampling needs an rng');
      let total = 0;
      for (let t = 0; t < TILE_COUNT; t++) {
        p[t] = Math.exp((logits[o + t] - logits[o + best]) / temperature);
        total += p[t];
      }
      let r = rng.next() * total;
      best = TILE_COUNT - 1;
      for (let t = 0; t < TILE_COUNT; t++) {
        r -= p[t];
        if (r < 0) {
          best = t;
          break;
        }
      }
    }
    grid.cells[cell] = TILE_CHARS[best];
  }
  return grid;
}

/** The room mirrored left-right (E and W doors swap; the door cells are symmetric). */
export function mirrorX(grid: Grid): Grid {
  const out = new Grid(grid.width, grid.height);
  for (let y = 0; y < grid.height; y++) {
    for (let x = 0; x < grid.width; x++) out.set(grid.width - 1 - x, y, grid.get(x, y));
  }
  return out;
}

/** The room mirrored top-bottom (N and S doors swap). */
export function mirrorY(grid: Grid): Grid {
  const out = new Grid(grid.width, grid.height);
  for (let y = 0; y < grid.height; y++) {
    for (let x = 0; x < grid.width; x++) out.set(x, grid.height - 1 - y, grid.get(x, y));
  }
  return out;
}

/** Door mask after mirrorX / mirrorY. */
export function mirrorDoors(doors: DoorMask, x: boolean, y: boolean): DoorMask {
  return {
    N: y ? doors.S : doors.N,
    S: y ? doors.N : doors.S,
    E: x ? doors.W : doors.E,
    W: x ? doors.E : doors.W,
  };
}
