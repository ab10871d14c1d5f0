import type { Grid } from '../../core/grid';
import type { Rng } from '../../core/rng';
import { forInterior, inInterior, paint } from './interior';

/**
 * Cellular caves: random rock (`B`) seeded at a fill rate, then smoothed by the 4-5 rule
 * (a cell becomes rock when ≥5 of its 8 neighbours are rock, walls counting as rock), which
 * turns noise into rounded caverns. Some caves get a pool or a pit, a few have stairs.
 */
export function paintCaves(grid: Grid, rng: Rng): void {
  const fill = rng.float(0.28, 0.4);
  forInterior((x, y) => paint(grid, x, y, rng.chance(fill) ? 'B' : 'F'));
  const steps = rng.int(2, 4);
  for (let s = 0; s < steps; s++) {
    const next = grid.clone();
    forInterior((x, y) => {
      let rock = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if (dx === 0 && dy === 0) continue;
          const nx = x + dx;
          const ny = y + dy;
          if (!inInterior(nx, ny) || grid.get(nx, ny) === 'B') rock++;
        }
      }
      next.set(x, y, rock >= 5 ? 'B' : rock <= 3 ? 'F' : grid.get(x, y));
    });
    next.cells.forEach((c, i) => (grid.cells[i] = c));
  }
  const extra = rng.next();
  if (extra < 0.3) floodPocket(grid, rng, 'P');
  else if (extra < 0.42) floodPocket(grid, rng, '-');
  if (rng.chance(0.15)) placeOnFloor(grid, rng, 'S');
}

/** Turns a small blob of open floor into `tile` (a pool or a pit), growing from a random cell. */
function floodPocket(grid: Grid, rng: Rng, tile: 'P' | '-'): void {
  const open: Array<[number, number]> = [];
  forInterior((x, y) => {
    if (grid.get(x, y) === 'F' && x > 3 && x < 12 && y > 3 && y < 7) open.push([x, y]);
  });
  if (open.length === 0) return;
  const [sx, sy] = rng.pick(open);
  const size = rng.int(3, 7);
  const frontier: Array<[number, number]> = [[sx, sy]];
  let placed = 0;
  while (frontier.length > 0 && placed < size) {
    const [x, y] = frontier.splice(rng.int(0, frontier.length - 1), 1)[0];
    if (grid.get(x, y) !== 'F' || x <= 2 || x >= 13 || y <= 2 || y >= 8) continue;
    grid.set(x, y, tile);
    placed++;
    frontier.push([x + 1, y], [x - 1, y], [x, y + 1], [x, y - 1]);
  }
}

/** Places one `tile` on a random interior floor cell (if any). */
export function placeOnFloor(grid: Grid, rng: Rng, tile: 'S' | 'B'): void {
  const open: Array<[number, number]> = [];
  forInterior((x, y) => {
    if (grid.get(x, y) === 'F') open.push([x, y]);
  });
  if (open.length > 0) {
    const [x, y] = rng.pick(open);
    grid.set(x, y, tile);
  }
}
