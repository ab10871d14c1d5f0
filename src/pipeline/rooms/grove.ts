import type { Grid } from '../../core/grid';
import type { Rng } from '../../core/rng';
import { IN_X0, IN_X1, IN_Y0, IN_Y1, paint } from './interior';

/**
 * Groves: clumps of trees (`B`) grown by short random walks, a scatter of lone bushes and,
 * sometimes, a small pond in a clearing. Organic, never symmetric.
 */
export function paintGrove(grid: Grid, rng: Rng): void {
  const clumps = rng.int(3, 7);
  for (let c = 0; c < clumps; c++) {
    let x = rng.int(IN_X0, IN_X1);
    let y = rng.int(IN_Y0, IN_Y1);
    const size = rng.int(2, 7);
    for (let i = 0; i < size; i++) {
      paint(grid, x, y, 'B');
      const [dx, dy] = rng.pick([[1, 0], [-1, 0], [0, 1], [0, -1]] as const);
      x = Math.min(IN_X1, Math.max(IN_X0, x + dx));
      y = Math.min(IN_Y1, Math.max(IN_Y0, y + dy));
    }
  }
  const bushes = rng.int(0, 5);
  for (let i = 0; i < bushes; i++) paint(grid, rng.int(IN_X0, IN_X1), rng.int(IN_Y0, IN_Y1), 'B');
  if (rng.chance(0.25)) {
    const x = rng.int(IN_X0 + 2, IN_X1 - 3);
    const y = rng.int(IN_Y0 + 1, IN_Y1 - 2);
    for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1], [2, 0], [2, 1]]) {
      if (rng.chance(0.85)) paint(grid, x + dx, y + dy, 'P');
    }
  }
}
