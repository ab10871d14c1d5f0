import { ROOM_H, ROOM_W, type Grid } from '../../core/grid';
import { DOOR_CELLS, DOOR_ENTRY, OPPOSITE, SIDE_DELTA, borderSide, type Side } from '../../core/room';
import type { Room, World } from '../../core/schema';

/**
 * The side the hero leaves by when standing on tile (tx, ty): a door tile on the room's outer
 * edge. Inner door tiles and interior tiles lead nowhere (null).
 */
export function exitSide(grid: Grid, tx: number, ty: number): Side | null {
  if (!grid.inside(tx, ty) || grid.get(tx, ty) !== 'D') return null;
  const edge = tx === 0 || ty === 0 || tx === ROOM_W - 1 || ty === ROOM_H - 1;
  return edge ? borderSide(tx, ty) : null;
}

/** The room beyond `side` of room (roomX, roomY), if the world has one there. */
export function neighbourRoom(world: World, roomX: number, roomY: number, side: Side): Room | undefined {
  const [dx, dy] = SIDE_DELTA[side];
  return world.rooms.find((r) => r.x === roomX + dx && r.y === roomY + dy);
}

/**
 * Where the hero arrives after leaving through `exit`: just inside the facing door of the
 * neighbour (`grid`), on the walkable cell closest to where they crossed. `along` is the hero's
 * tile coordinate along the door (x for N/S doors, y for E/W doors), fractional.
 * Falls back to the facing door's inner tiles when the entry cells are blocked.
 */
export function arrivalCell(exit: Side, along: number, grid: Grid): [number, number] {
  const side = OPPOSITE[exit];
  const alongOf = ([x, y]: readonly [number, number]) => (side === 'N' || side === 'S' ? x : y);
  const inner = DOOR_CELLS[side].filter(([x, y]) => x > 0 && y > 0 && x < ROOM_W - 1 && y < ROOM_H - 1);
  for (const cells of [DOOR_ENTRY[side], inner]) {
    const open = cells.filter(([x, y]) => grid.walkable(x, y));
    if (open.length === 0) continue;
    const best = open.reduce((a, b) => (Math.abs(alongOf(b) + 0.5 - along) < Math.abs(alongOf(a) + 0.5 - along) ? b : a));
    return [best[0], best[1]];
  }
  const [x, y] = DOOR_ENTRY[side][0];
  return [x, y];
}
