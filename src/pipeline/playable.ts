import { bfs, type Grid } from '../core/grid';
import { DOOR_CELLS, DOOR_ENTRY, SIDES, type DoorMask, type Side } from '../core/room';

export interface RoomPlayability {
  /** Every open door is open (walkable) and all doors reach each other. */
  playable: boolean;
  /** Why not, in words (empty when playable). */
  problems: string[];
  /** BFS distance from the first open door (row-major, -1 = unreachable). */
  reach: Int32Array;
}

/** The cells that make up an open door and the floor just inside it. */
export function doorGroup(side: Side): Array<readonly [number, number]> {
  return [...DOOR_CELLS[side], ...DOOR_ENTRY[side]];
}

/**
 * Is this room playable for these doors? Doors must be walkable and mutually reachable,
 * including the floor just inside each door (where the player appears).
 */
export function roomPlayability(grid: Grid, doors: DoorMask): RoomPlayability {
  const open = SIDES.filter((s) => doors[s]);
  const problems: string[] = [];
  for (const side of open) {
    const blocked = doorGroup(side).filter(([x, y]) => !grid.walkable(x, y));
    if (blocked.length > 0) problems.push(`door ${side} is blocked at ${blocked.map(([x, y]) => `(${x},${y})`).join(' ')}`);
  }
  const reach = open.length > 0 ? bfs(grid, doorGroup(open[0])) : new Int32Array(grid.width * grid.height).fill(-1);
  for (const side of open.slice(1)) {
    const reached = doorGroup(side).some(([x, y]) => reach[y * grid.width + x] >= 0);
    if (!reached) problems.push(`door ${side} cannot be reached from door ${open[0]}`);
  }
  return { playable: problems.length === 0, problems, reach };
}
