import { BORDER, Grid, ROOM_H, ROOM_W } from './grid';

/** The four sides of a room, in mask-bit order (N=1, E=2, S=4, W=8). */
export const SIDES = ['N', 'E', 'S', 'W'] as const;
export type Side = (typeof SIDES)[number];

export const OPPOSITE: Readonly<Record<Side, Side>> = { N: 'S', E: 'W', S: 'N', W: 'E' };
export const SIDE_DELTA: Readonly<Record<Side, readonly [number, number]>> = {
  N: [0, -1],
  E: [1, 0],
  S: [0, 1],
  W: [-1, 0],
};

/** Which sides of a room have a door. */
export type DoorMask = Readonly<Record<Side, boolean>>;

export const NO_DOORS: DoorMask = { N: false, E: false, S: false, W: false };

/**
 * The cells of a door on each side: 2 wide on N/S and 3 tall on E/W, through both border rows,
 * where the VGLC Zelda rooms put them (VGLC marks only the inner row; we open both so the
 * passage reaches the room's edge).
 */
export const DOOR_CELLS: Readonly<Record<Side, ReadonlyArray<readonly [number, number]>>> = {
  N: [[7, 0], [8, 0], [7, 1], [8, 1]],
  S: [[7, 9], [8, 9], [7, 10], [8, 10]],
  W: [[0, 4], [0, 5], [0, 6], [1, 4], [1, 5], [1, 6]],
  E: [[15, 4], [15, 5], [15, 6], [14, 4], [14, 5], [14, 6]],
};

/** The interior cells just inside each door (where a player entering through it stands). */
export const DOOR_ENTRY: Readonly<Record<Side, ReadonlyArray<readonly [number, number]>>> = {
  N: [[7, 2], [8, 2]],
  S: [[7, 8], [8, 8]],
  W: [[2, 4], [2, 5], [2, 6]],
  E: [[13, 4], [13, 5], [13, 6]],
};

export function isBorder(x: number, y: number): boolean {
  return x < BORDER || y < BORDER || x >= ROOM_W - BORDER || y >= ROOM_H - BORDER;
}

export function isInterior(x: number, y: number): boolean {
  return !isBorder(x, y) && x >= 0 && y >= 0 && x < ROOM_W && y < ROOM_H;
}

/** The side a border cell belongs to, or null for interior cells and the four 2×2 corners. */
export function borderSide(x: number, y: number): Side | null {
  const n = y < BORDER;
  const s = y >= ROOM_H - BORDER;
  const w = x < BORDER;
  const e = x >= ROOM_W - BORDER;
  if ((n || s) && (w || e)) return null;
  if (n) return 'N';
  if (s) return 'S';
  if (w) return 'W';
  if (e) return 'E';
  return null;
}

/** The door mask of a room: a side has a door when any of its border cells is a `D`. */
export function doorMaskOf(grid: Grid): DoorMask {
  const mask = { N: false, E: false, S: false, W: false };
  for (let y = 0; y < grid.height; y++) {
    for (let x = 0; x < grid.width; x++) {
      if (grid.get(x, y) !== 'D') continue;
      const side = borderSide(x, y);
      if (side) mask[side] = true;
    }
  }
  return mask;
}

export function maskToBits(mask: DoorMask): number {
  return SIDES.reduce((bits, side, i) => (mask[side] ? bits | (1 << i) : bits), 0);
}

export function bitsToMask(bits: number): DoorMask {
  return { N: (bits & 1) !== 0, E: (bits & 2) !== 0, S: (bits & 4) !== 0, W: (bits & 8) !== 0 };
}

export function maskToString(mask: DoorMask): string {
  return SIDES.filter((s) => mask[s]).join('') || '-';
}

/** A fresh room: walls all round, floor inside. */
export function emptyRoom(): Grid {
  const g = new Grid(ROOM_W, ROOM_H, 'F');
  for (let y = 0; y < ROOM_H; y++) {
    for (let x = 0; x < ROOM_W; x++) if (isBorder(x, y)) g.set(x, y, 'W');
  }
  return g;
}

/**
 * Makes the border agree with `mask`: door cells of open sides become `D`, every other border
 * cell that is a `D` or walkable becomes `W`. Returns the number of cells changed.
 */
export function stampDoors(grid: Grid, mask: DoorMask): number {
  let changed = 0;
  const doorCells = new Set<number>();
  for (const side of SIDES) {
    if (!mask[side]) continue;
    for (const [x, y] of DOOR_CELLS[side]) doorCells.add(y * ROOM_W + x);
  }
  for (let y = 0; y < ROOM_H; y++) {
    for (let x = 0; x < ROOM_W; x++) {
      if (!isBorder(x, y)) continue;
      const want = doorCells.has(y * ROOM_W + x) ? 'D' : 'W';
      const have = grid.get(x, y);
      // Keep decorative non-walkable border tiles (void, water) where no door is wanted.
      if (want === 'W' && have !== 'D' && !grid.walkable(x, y)) continue;
      if (have !== want) {
        grid.set(x, y, want);
        changed++;
      }
    }
  }
  return changed;
}

/**
 * Share of the 84 interior cells (inside the 2-tile border) that are not floor: how full a room
 * is. The level evaluation's density band and the VAE sampler's critic both read it.
 */
export function interiorNonFloorShare(grid: Grid): number {
  let n = 0;
  let hit = 0;
  for (let i = 0; i < grid.cells.length; i++) {
    const x = i % grid.width;
    if (!isInterior(x, (i - x) / grid.width)) continue;
    n++;
    if (grid.cells[i] !== 'F') hit++;
  }
  return hit / n;
}
