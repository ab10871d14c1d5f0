import { BORDER, Grid, ROOM_H, ROOM_W } from '../../core/grid';
import { DOOR_ENTRY, SIDES, type DoorMask } from '../../core/room';
import type { TileChar } from '../../core/tiles';

/** Interior bounds (inside the 2-tile border): columns 2..13, rows 2..8. */
export const IN_X0 = BORDER;
export const IN_Y0 = BORDER;
export const IN_X1 = ROOM_W - BORDER - 1;
export const IN_Y1 = ROOM_H - BORDER - 1;
export const IN_W = IN_X1 - IN_X0 + 1;
export const IN_H = IN_Y1 - IN_Y0 + 1;

export function inInterior(x: number, y: number): boolean {
  return x >= IN_X0 && x <= IN_X1 && y >= IN_Y0 && y <= IN_Y1;
}

/** Calls fn for every interior cell. */
export function forInterior(fn: (x: number, y: number) => void): void {
  for (let y = IN_Y0; y <= IN_Y1; y++) for (let x = IN_X0; x <= IN_X1; x++) fn(x, y);
}

/** Sets an interior cell; ignores coordinates outside the interior. */
export function paint(grid: Grid, x: number, y: number, c: TileChar): void {
  if (inInterior(x, y)) grid.set(x, y, c);
}

/** Fills an axis-aligned rectangle (clipped to the interior). */
export function paintRect(grid: Grid, x0: number, y0: number, w: number, h: number, c: TileChar): void {
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) paint(grid, x, y, c);
}

/** Cells a player must be able to stand on when entering through each open door. */
export function doorEntries(doors: DoorMask): Array<readonly [number, number]> {
  return SIDES.filter((s) => doors[s]).flatMap((s) => DOOR_ENTRY[s]);
}

/** Clears the cells in front of every open door (a 1-tile apron), so rooms start walkable there. */
export function clearDoorways(grid: Grid, doors: DoorMask): void {
  for (const [x, y] of doorEntries(doors)) paint(grid, x, y, 'F');
}

/** Mirrors the left half of the interior onto the right half (x ↔ IN_X0 + IN_X1 - x). */
export function mirrorX(grid: Grid): void {
  for (let y = IN_Y0; y <= IN_Y1; y++) {
    for (let x = IN_X0; x < IN_X0 + IN_W / 2; x++) grid.set(IN_X0 + IN_X1 - x, y, grid.get(x, y));
  }
}

/** Mirrors the top half of the interior onto the bottom half (the middle row stays). */
export function mirrorY(grid: Grid): void {
  for (let y = IN_Y0; y < IN_Y0 + Math.floor(IN_H / 2); y++) {
    for (let x = IN_X0; x <= IN_X1; x++) grid.set(x, IN_Y0 + IN_Y1 - y, grid.get(x, y));
  }
}
