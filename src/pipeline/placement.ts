import { bfs, type Grid } from '../core/grid';
import type { WorldParams } from '../core/params';
import type { Rng } from '../core/rng';
import { isInterior, type DoorMask } from '../core/room';
import type { Entity } from '../core/schema';
import { ITEM_KINDS, type Biome, type ItemKind } from '../core/vocab';
import { BESTIARY, type Foe } from './bestiary';
import { doorEntries } from './rooms/interior';

/** A room as placement sees it: tiles (already playable), doors and biome. */
export interface PlacementRoom {
  grid: Grid;
  doors: DoorMask;
  biome: Biome;
}

/**
 * Free cells of a room where things may stand: interior, walkable, reachable from the doors,
 * not on a doorway apron (so nothing blocks or ambushes an entrance). Sorted row-major.
 */
export function freeCells(room: PlacementRoom): Array<[number, number]> {
  const entries = doorEntries(room.doors);
  const reach = bfs(room.grid, entries.length > 0 ? entries : [[7, 5]]);
  const nearDoor = (x: number, y: number) => entries.some(([ex, ey]) => Math.abs(ex - x) + Math.abs(ey - y) <= 1);
  const cells: Array<[number, number]> = [];
  for (let y = 0; y < room.grid.height; y++) {
    for (let x = 0; x < room.grid.width; x++) {
      if (!isInterior(x, y) || reach[y * room.grid.width + x] < 0 || nearDoor(x, y)) continue;
      const tile = room.grid.get(x, y);
      if (tile === 'F' || tile === 'O' || tile === 'S') cells.push([x, y]);
    }
  }
  return cells;
}

/** Takes a random free cell out of `cells` (mutates it), or null when none is left. */
export function takeCell(rng: Rng, cells: Array<[number, number]>): [number, number] | null {
  if (cells.length === 0) return null;
  return cells.splice(rng.int(0, cells.length - 1), 1)[0];
}

/** Takes the free cell that is farthest (walking distance) from the doors. */
export function takeFarthest(room: PlacementRoom, cells: Array<[number, number]>): [number, number] | null {
  if (cells.length === 0) return null;
  const entries = doorEntries(room.doors);
  const dist = bfs(room.grid, entries);
  let best = 0;
  cells.forEach(([x, y], i) => {
    const [bx, by] = cells[best];
    if (dist[y * room.grid.width + x] > dist[by * room.grid.width + bx]) best = i;
  });
  return cells.splice(best, 1)[0];
}

/** Takes the free cell closest (Chebyshev) to (x, y) at a distance of at least `min`. */
export function takeNear(cells: Array<[number, number]>, x: number, y: number, min = 1): [number, number] | null {
  let best = -1;
  let bestD = Infinity;
  cells.forEach(([cx, cy], i) => {
    const d = Math.max(Math.abs(cx - x), Math.abs(cy - y));
    if (d >= min && d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best < 0 ? null : cells.splice(best, 1)[0];
}

/** A Poisson-distributed count with the given mean (Knuth's method, fine for small means). */
export function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

const ITEM_NAMES: Readonly<Record<ItemKind, string>> = {
  heart: 'heart',
  coin: 'coin',
  gem: 'gem',
  potion: 'potion',
  key: 'old key',
};

export function enemyEntity(id: string, foe: Foe, [x, y]: [number, number], guard: boolean): Entity {
  return { id, kind: 'enemy', x, y, name: foe.name, foe: foe.id, hp: foe.hp + (guard ? 2 : 0), speed: foe.speed, guard };
}

/** Enemies and pickups for an ordinary room, drawn from `cells` (mutated). */
export function populateRoom(
  rng: Rng,
  room: PlacementRoom,
  cells: Array<[number, number]>,
  idPrefix: string,
  density: WorldParams['density'],
  withEnemies: boolean,
): Entity[] {
  const out: Entity[] = [];
  const enemies = withEnemies ? Math.min(poisson(rng, density.enemies), 5) : 0;
  for (let i = 0; i < enemies; i++) {
    const cell = takeCell(rng, cells);
    if (!cell) break;
    const foe = rng.weighted(BESTIARY[room.biome], [3, 2, 1]);
    out.push(enemyEntity(`${idPrefix}-${out.length}`, foe, cell, false));
  }
  const pickups = Math.min(poisson(rng, density.items), 3);
  for (let i = 0; i < pickups; i++) {
    const cell = takeCell(rng, cells);
    if (!cell) break;
    const item = rng.weighted(ITEM_KINDS, [3, 4, 2, 1, 1]);
    const chest = rng.chance(0.2);
    const [x, y] = cell;
    out.push(
      chest
        ? { id: `${idPrefix}-${out.length}`, kind: 'chest', x, y, name: 'chest', item }
        : { id: `${idPrefix}-${out.length}`, kind: 'item', x, y, name: ITEM_NAMES[item], item },
    );
  }
  return out;
}
