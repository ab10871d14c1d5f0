import { isTileChar, isWalkable, type TileChar } from './tiles';

/** A room is 16 columns × 11 rows of tiles (the VGLC Zelda room size). */
export const ROOM_W = 16;
export const ROOM_H = 11;
/** Rooms have a 2-tile wall border; doors are cut into it. */
export const BORDER = 2;

/** A mutable rectangle of tile chars, row-major. */
export class Grid {
  readonly cells: TileChar[];

  constructor(
    readonly width: number,
    readonly height: number,
    fill: TileChar = 'F',
  ) {
    this.cells = new Array<TileChar>(width * height).fill(fill);
  }

  /** Parses rows of tile chars; throws with the row and column of the first bad char. */
  static fromRows(rows: readonly string[], where = 'room'): Grid {
    if (rows.length === 0) throw new Error(`${where}: no rows`);
    const width = rows[0].length;
    const grid = new Grid(width, rows.length);
    rows.forEach((row, y) => {
      if (row.length !== width) {
        throw new Error(`${where}: row ${y} has ${row.length} tiles, expected ${width}`);
      }
      for (let x = 0; x < width; x++) {
        const c = row[x];
        if (!isTileChar(c)) throw new Error(`${where}: unknown tile '${c}' at row ${y}, column ${x}`);
        grid.cells[y * width + x] = c;
      }
    });
    return grid;
  }

  inside(x: number, y: number): boolean {
    return x >= 0 && y >= 0 && x < this.width && y < this.height;
  }

  get(x: number, y: number): TileChar {
    return this.cells[y * this.width + x];
  }

  set(x: number, y: number, c: TileChar): void {
    this.cells[y * this.width + x] = c;
  }

  walkable(x: number, y: number): boolean {
    return this.inside(x, y) && isWalkable(this.get(x, y));
  }

  clone(): Grid {
    const g = new Grid(this.width, this.height);
    for (let i = 0; i < this.cells.length; i++) g.cells[i] = this.cells[i];
    return g;
  }

  toRows(): string[] {
    const rows: string[] = [];
    for (let y = 0; y < this.height; y++) {
      rows.push(this.cells.slice(y * this.width, (y + 1) * this.width).join(''));
    }
    return rows;
  }

  /** Number of cells that differ from `other` (same size required). */
  diff(other: Grid): number {
    if (other.width !== this.width || other.height !== this.height) {
      throw new Error(`grid.diff: ${this.width}×${this.height} vs ${other.width}×${other.height}`);
    }
    let n = 0;
    for (let i = 0; i < this.cells.length; i++) if (this.cells[i] !== other.cells[i]) n++;
    return n;
  }

  count(pred: (c: TileChar, x: number, y: number) => boolean): number {
    let n = 0;
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) if (pred(this.get(x, y), x, y)) n++;
    }
    return n;
  }
}

export const DIRS4: ReadonlyArray<readonly [number, number]> = [
  [0, -1],
  [1, 0],
  [0, 1],
  [-1, 0],
];

/**
 * Breadth-first search over walkable cells from `starts`.
 * @returns distance per cell (row-major, length width×height); -1 where unreachable.
 */
export function bfs(grid: Grid, starts: ReadonlyArray<readonly [number, number]>): Int32Array {
  const dist = new Int32Array(grid.width * grid.height).fill(-1);
  const queue: number[] = [];
  for (const [x, y] of starts) {
    if (!grid.walkable(x, y)) continue;
    const i = y * grid.width + x;
    if (dist[i] === -1) {
      dist[i] = 0;
      queue.push(i);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head];
    const x = i % grid.width;
    const y = (i - x) / grid.width;
    for (const [dx, dy] of DIRS4) {
      const nx = x + dx;
      const ny = y + dy;
      if (!grid.walkable(nx, ny)) continue;
      const j = ny * grid.width + nx;
      if (dist[j] !== -1) continue;
      dist[j] = dist[i] + 1;
      queue.push(j);
    }
  }
  return dist;
}
