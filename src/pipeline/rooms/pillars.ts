import type { Grid } from '../../core/grid';
import type { Rng } from '../../core/rng';
import { IN_X0, IN_X1, IN_Y0, IN_Y1, forInterior, paint, paintRect } from './interior';

/**
 * Pillared halls: pillars (`B`) on a lattice, a colonnade along the walls, or 2×2 piers; ruined
 * halls lose some pillars, grand ones get a dais with stairs or a pool at the centre.
 */
export function paintPillars(grid: Grid, rng: Rng): void {
  const layout = rng.weighted(['lattice', 'colonnade', 'piers'] as const, [0.45, 0.3, 0.25]);
  if (layout === 'lattice') {
    const sx = rng.pick([2, 3, 3, 4]);
    const sy = rng.pick([2, 2, 3]);
    const ox = rng.int(1, sx);
    const oy = rng.int(1, sy);
    forInterior((x, y) => {
      const onX = (x - IN_X0 - ox + sx * 4) % sx === 0 && x > IN_X0 && x < IN_X1;
      const onY = (y - IN_Y0 - oy + sy * 4) % sy === 0 && y > IN_Y0 && y < IN_Y1;
      if (onX && onY) paint(grid, x, y, 'B');
    });
  } else if (layout === 'colonnade') {
    const inset = rng.int(1, 2);
    const step = rng.pick([2, 2, 3]);
    for (let x = IN_X0 + 1; x < IN_X1; x += step) {
      paint(grid, x, IN_Y0 + inset, 'B');
      paint(grid, x, IN_Y1 - inset, 'B');
    }
    if (rng.chance(0.5)) {
      for (let y = IN_Y0 + inset + 2; y < IN_Y1 - inset - 1; y += 2) {
        paint(grid, IN_X0 + 1, y, 'B');
        paint(grid, IN_X1 - 1, y, 'B');
      }
    }
  } else {
    const dx = rng.int(2, 3);
    const dy = rng.int(1, 2);
    for (const [x, y] of [
      [IN_X0 + dx, IN_Y0 + dy],
      [IN_X1 - dx - 1, IN_Y0 + dy],
      [IN_X0 + dx, IN_Y1 - dy - 1],
      [IN_X1 - dx - 1, IN_Y1 - dy - 1],
    ]) {
      paintRect(grid, x, y, 2, 2, 'B');
    }
  }
  if (rng.chance(0.35)) {
    // A ruin: some pillars have fallen.
    forInterior((x, y) => {
      if (grid.get(x, y) === 'B' && rng.chance(0.3)) grid.set(x, y, 'F');
    });
  }
  const centre = rng.next();
  if (centre < 0.25) {
    paintRect(grid, 7, 4, 2, 3, 'S');
  } else if (centre < 0.4) {
    paintRect(grid, 6, 4, 4, 3, 'P');
    paint(grid, rng.pick([6, 9]), rng.pick([4, 6]), 'I');
  }
}
