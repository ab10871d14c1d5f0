import { bfs, type Grid } from '../../core/grid';
import { DOOR_ENTRY, SIDES, isInterior, type DoorMask } from '../../core/room';
import { TILE_COUNT } from '../../models/levelVae/encoding';
import { TILE_INDEX } from '../../core/tiles';
import { roomPlayability } from '../../pipeline/playable';
import type { MapEntity } from './legend';

/**
 * Room metrics of the level evaluation (pure; no tfjs, no files). Distances are normalised
 * Hamming distances: the share of the 176 tiles that differ.
 */

/**
 * Playable: every open door is open and all doors reach each other, and every entity stands on
 * a cell reachable from the doors (so no entity sits on an unreachable island).
 */
export function isPlayable(grid: Grid, doors: DoorMask, entities: readonly MapEntity[] = []): boolean {
  const p = roomPlayability(grid, doors);
  if (!p.playable) return false;
  return entities.every((e) => p.reach[e.y * grid.width + e.x] >= 0);
}

/** Share of the 84 interior cells a player cannot stand on (blocks, water, pits). */
export function interiorBlockedShare(grid: Grid): number {
  let n = 0;
  let hit = 0;
  for (let i = 0; i < grid.cells.length; i++) {
    const x = i % grid.width;
    const y = (i - x) / grid.width;
    if (!isInterior(x, y)) continue;
    n++;
    if (!grid.walkable(x, y)) hit++;
  }
  return hit / n;
}

/**
 * Path length of a room: the longest of the shortest walks between its doors' entry cells
 * (tiles); for a one-door room, the walk from the door to the farthest reachable cell. 0 when
 * nothing is reachable.
 */
export function pathLength(grid: Grid, doors: DoorMask): number {
  const open = SIDES.filter((s) => doors[s]);
  if (open.length === 0) return 0;
  let longest = 0;
  for (const side of open) {
    const dist = bfs(grid, DOOR_ENTRY[side]);
    if (open.length === 1) {
      for (const d of dist) longest = Math.max(longest, d);
      continue;
    }
    for (const other of open) {
      if (other === side) continue;
      let best = Infinity;
      for (const [x, y] of DOOR_ENTRY[other]) {
        const d = dist[y * grid.width + x];
        if (d >= 0) best = Math.min(best, d);
      }
      if (best < Infinity) longest = Math.max(longest, best);
    }
  }
  return longest;
}

/** The p-quantile (0..1) of `values` (linear interpolation). */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Rooms as byte arrays of tile indices, for fast distance loops. */
export function toCodes(rooms: readonly Grid[]): Uint8Array[] {
  return rooms.map((g) => Uint8Array.from(g.cells, (c) => TILE_INDEX[c]));
}

function hamming(a: Uint8Array, b: Uint8Array, stopAbove: number): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && ++d > stopAbove) return d;
  }
  return d;
}

/** Mean over `samples` of the normalised Hamming distance to the nearest room of `reference`. */
export function meanNearestHamming(samples: readonly Uint8Array[], reference: readonly Uint8Array[]): number {
  if (samples.length === 0 || reference.length === 0) return NaN;
  let total = 0;
  for (const s of samples) {
    let best = s.length;
    for (const r of reference) {
      best = Math.min(best, hamming(s, r, best));
      if (best === 0) break;
    }
    total += best / s.length;
  }
  return total / samples.length;
}

/** Mean normalised Hamming distance over all pairs of `rooms`. */
export function meanPairwiseHamming(rooms: readonly Uint8Array[]): number {
  if (rooms.length < 2) return NaN;
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < rooms.length; i++) {
    for (let j = i + 1; j < rooms.length; j++) {
      total += hamming(rooms[i], rooms[j], Infinity) / rooms[i].length;
      pairs++;
    }
  }
  return total / pairs;
}

/** Share of `rooms` that repeat an earlier room of the list. */
export function duplicateRate(keys: readonly string[]): number {
  if (keys.length === 0) return NaN;
  return 1 - new Set(keys).size / keys.length;
}

/** Counts of each 2×2 tile pattern (9⁴ codes) over all positions of all rooms. */
export function patternCounts2x2(rooms: readonly Grid[]): Float64Array {
  const counts = new Float64Array(TILE_COUNT ** 4);
  for (const g of rooms) {
    for (let y = 0; y + 1 < g.height; y++) {
      for (let x = 0; x + 1 < g.width; x++) {
        const code =
          ((TILE_INDEX[g.get(x, y)] * TILE_COUNT + TILE_INDEX[g.get(x + 1, y)]) * TILE_COUNT + TILE_INDEX[g.get(x, y + 1)]) * TILE_COUNT +
          TILE_INDEX[g.get(x + 1, y + 1)];
        counts[code]++;
      }
    }
  }
  return counts;
}

/**
 * KL(P‖Q) in nats between two pattern histograms, each ε-smoothed over the patterns seen in
 * either: p_i = (P_i/ΣP + ε) / (1 + ε·K), likewise q.
 */
export function patternKl(p: Float64Array, q: Float64Array, epsilon = 1e-5): number {
  let sp = 0;
  let sq = 0;
  let k = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i];
    sq += q[i];
    if (p[i] > 0 || q[i] > 0) k++;
  }
  if (sp === 0 || sq === 0) return NaN;
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0 && q[i] === 0) continue;
    const pi = (p[i] / sp + epsilon) / (1 + epsilon * k);
    const qi = (q[i] / sq + epsilon) / (1 + epsilon * k);
    kl += pi * Math.log(pi / qi);
  }
  return kl;
}
