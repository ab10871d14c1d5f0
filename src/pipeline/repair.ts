import { DIRS4, bfs, type Grid } from '../core/grid';
import { DOOR_CELLS, SIDES, isBorder, stampDoors, type DoorMask } from '../core/room';
import type { TileChar } from '../core/tiles';
import { doorGroup } from './playable';

export interface RepairResult {
  /** The repaired room (a copy; the input is not modified). */
  grid: Grid;
  /** Number of tiles that differ from the input. */
  changed: number;
  /** Row-major indices of the changed tiles (for highlighting). */
  changedCells: number[];
}

/** What a blocked tile becomes when a path is carved through it: water gets a bridge. */
function carved(c: TileChar): TileChar {
  return c === 'P' || c === 'I' ? 'O' : 'F';
}

/**
 * Makes a room playable with few tile changes: the border is made to agree with the door mask,
 * each door's doorway is opened, and the doors (and any `mustReach` cells, e.g. where entities
 * stand) are joined by cheapest paths, where crossing a walkable tile costs 0 and carving a
 * blocked one costs 1 (a 0-1 BFS). Targets are joined one at a time, cheapest first, to the part
 * already connected (a greedy Steiner tree: optimal for two targets, near-optimal for more); the
 * greedy join is run from each door in turn and the result with the fewest changes is kept.
 * Paths stay inside the room's interior.
 * @param mustReach cells (x, y) that must end up walkable and reachable from the doors
 */
export function repairRoom(
  input: Grid,
  doors: DoorMask,
  mustReach: ReadonlyArray<readonly [number, number]> = [],
): RepairResult {
  const base = input.clone();
  stampDoors(base, doors);
  const open = SIDES.filter((s) => doors[s]);
  for (const side of open) {
    for (const [x, y] of doorGroup(side)) if (!base.walkable(x, y)) base.set(x, y, carved(base.get(x, y)));
  }
  for (const [x, y] of mustReach) {
    if (!isBorder(x, y) && !base.walkable(x, y)) base.set(x, y, carved(base.get(x, y)));
  }
  const w = base.width;
  const passable = new Uint8Array(w * base.height);
  for (let i = 0; i < passable.length; i++) {
    const x = i % w;
    passable[i] = isBorder(x, (i - x) / w) ? 0 : 1;
  }
  for (const side of open) for (const [x, y] of DOOR_CELLS[side]) passable[y * w + x] = 1;

  const groups: Array<ReadonlyArray<readonly [number, number]>> = [
    ...open.map((side) => doorGroup(side)),
    ...mustReach.map((cell) => [cell]),
  ];
  let best: Grid = base;
  let bestChanged = Infinity;
  const starts = Math.max(1, Math.min(open.length, groups.length));
  for (let first = 0; first < starts && groups.length > 1; first++) {
    const grid = joinGroups(base.clone(), passable, groups, first);
    const changed = grid.diff(input);
    if (changed < bestChanged) {
      best = grid;
      bestChanged = changed;
    }
  }
  const changedCells: number[] = [];
  for (let i = 0; i < best.cells.length; i++) if (best.cells[i] !== input.cells[i]) changedCells.push(i);
  return { grid: best, changed: changedCells.length, changedCells };
}

/** Greedily joins every group to group `first`'s component, cheapest group first; mutates `grid`. */
function joinGroups(
  grid: Grid,
  passable: Uint8Array,
  groups: ReadonlyArray<ReadonlyArray<readonly [number, number]>>,
  first: number,
): Grid {
  const w = grid.width;
  const pending = groups.filter((_, i) => i !== first);
  while (pending.length > 0) {
    const reach = bfs(grid, groups[first]);
    const sources: number[] = [];
    reach.forEach((d, i) => d >= 0 && sources.push(i));
    const { cost, prev } = zeroOneBfs(grid, passable, sources);
    let best = -1;
    let bestCell = -1;
    let bestCost = Infinity;
    pending.forEach((group, k) => {
      for (const [x, y] of group) {
        const c = cost[y * w + x];
        if (c < bestCost) {
          bestCost = c;
          best = k;
          bestCell = y * w + x;
        }
      }
    });
    if (best < 0 || bestCell < 0) throw new Error('repairRoom: a door cannot be reached inside the room');
    for (let i = bestCell; i !== -1; i = prev[i]) {
      const x = i % w;
      const y = (i - x) / w;
      if (!grid.walkable(x, y)) grid.set(x, y, carved(grid.get(x, y)));
    }
    pending.splice(best, 1);
  }
  return grid;
}

/** 0-1 BFS: cost of reaching each passable cell, carving a blocked tile costs 1. */
function zeroOneBfs(grid: Grid, passable: Uint8Array, sources: number[]): { cost: Float64Array; prev: Int32Array } {
  const w = grid.width;
  const n = passable.length;
  const cost = new Float64Array(n).fill(Infinity);
  const prev = new Int32Array(n).fill(-1);
  // A deque as a ring buffer large enough for every push (each cell enters at most 4 times).
  const deque = new Int32Array(n * 8 + 8);
  let head = n * 4;
  let tail = n * 4;
  for (const s of sources) {
    cost[s] = 0;
    deque[tail++] = s;
  }
  while (head < tail) {
    const i = deque[head++];
    const x = i % w;
    const y = (i - x) / w;
    for (const [dx, dy] of DIRS4) {
      const nx = x + dx;
      const ny = y + dy;
      if (!grid.inside(nx, ny)) continue;
      const j = ny * w + nx;
      if (!passable[j]) continue;
      const step = grid.walkable(nx, ny) ? 0 : 1;
      if (cost[i] + step < cost[j]) {
        cost[j] = cost[i] + step;
        prev[j] = i;
        if (step === 0) deque[--head] = j;
        else deque[tail++] = j;
      }
    }
  }
  return { cost, prev };
}
