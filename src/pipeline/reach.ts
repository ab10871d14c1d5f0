import { Grid, DIRS4, ROOM_H, ROOM_W } from '../core/grid';
import { OPPOSITE, SIDE_DELTA, SIDES, borderSide, type Side } from '../core/room';
import type { World } from '../core/schema';

export interface Unreachable {
  what: string;
  roomX: number;
  roomY: number;
  x: number;
  y: number;
}

export interface ReachReport {
  /** Every door, entity, NPC and the goal can be walked to from the start. */
  ok: boolean;
  unreachable: Unreachable[];
  /** Number of rooms with at least one reached tile. */
  roomsReached: number;
}

const CELLS = ROOM_W * ROOM_H;

/**
 * The playability proof: a breadth-first search over every tile of every room, starting at the
 * start position. Walking onto a door tile on a room's side leads to the door tiles on the
 * facing side of the neighbour. Then every door tile, entity and the goal must have been reached.
 */
export function proveReachable(world: World): ReachReport {
  const index = new Map<string, number>();
  world.rooms.forEach((r, i) => index.set(`${r.x},${r.y}`, i));
  const grids = world.rooms.map((r) => Grid.fromRows(r.tiles));
  // Border door tiles per room and side: where a crossing from the neighbour arrives.
  const doorTiles: Array<Record<Side, number[]>> = grids.map((g) => {
    const sides: Record<Side, number[]> = { N: [], E: [], S: [], W: [] };
    g.cells.forEach((c, k) => {
      const side = c === 'D' ? borderSide(k % ROOM_W, Math.floor(k / ROOM_W)) : null;
      if (side) sides[side].push(k);
    });
    return sides;
  });
  const seen = new Uint8Array(world.rooms.length * CELLS);
  const queue: number[] = [];
  const visit = (room: number, cell: number) => {
    const s = room * CELLS + cell;
    if (seen[s] || !grids[room].walkable(cell % ROOM_W, Math.floor(cell / ROOM_W))) return;
    seen[s] = 1;
    queue.push(s);
  };
  const startRoom = index.get(`${world.start.roomX},${world.start.roomY}`);
  if (startRoom !== undefined) visit(startRoom, world.start.y * ROOM_W + world.start.x);
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head];
    const room = Math.floor(s / CELLS);
    const cell = s - room * CELLS;
    const x = cell % ROOM_W;
    const y = (cell - x) / ROOM_W;
    for (const [dx, dy] of DIRS4) {
      if (x + dx >= 0 && y + dy >= 0 && x + dx < ROOM_W && y + dy < ROOM_H) visit(room, (y + dy) * ROOM_W + x + dx);
    }
    const side = grids[room].get(x, y) === 'D' ? borderSide(x, y) : null;
    if (!side) continue;
    const [rdx, rdy] = SIDE_DELTA[side];
    const r = world.rooms[room];
    const next = index.get(`${r.x + rdx},${r.y + rdy}`);
    if (next !== undefined) for (const k of doorTiles[next][OPPOSITE[side]]) visit(next, k);
  }

  const unreachable: Unreachable[] = [];
  const check = (room: number, x: number, y: number, what: string) => {
    if (!seen[room * CELLS + y * ROOM_W + x]) {
      unreachable.push({ what, roomX: world.rooms[room].x, roomY: world.rooms[room].y, x, y });
    }
  };
  world.rooms.forEach((r, i) => {
    for (const side of SIDES) for (const k of doorTiles[i][side]) check(i, k % ROOM_W, Math.floor(k / ROOM_W), `door ${side}`);
    for (const e of r.entities) check(i, e.x, e.y, `${e.kind} ${e.id}`);
  });
  const goalRoom = index.get(`${world.goal.roomX},${world.goal.roomY}`);
  if (goalRoom === undefined) unreachable.push({ what: 'goal room', ...world.goal });
  else check(goalRoom, world.goal.x, world.goal.y, 'goal');
  let roomsReached = 0;
  for (let i = 0; i < world.rooms.length; i++) {
    if (seen.subarray(i * CELLS, (i + 1) * CELLS).some((v) => v === 1)) roomsReached++;
  }
  return { ok: unreachable.length === 0, unreachable, roomsReached };
}
