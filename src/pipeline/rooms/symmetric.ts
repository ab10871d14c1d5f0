import type { Grid } from '../../core/grid';
import type { Rng } from '../../core/rng';
import { IN_H, IN_W, IN_X0, IN_Y0, mirrorX, mirrorY, paint } from './interior';

/**
 * Symmetric chambers: a motif painted in the top-left quadrant and mirrored left↔right (and often
 * top↔bottom), like the block formations of classic dungeon rooms. Motifs mix blocks, pools and
 * stair tiles; the centre may hold a feature of its own.
 */
export function paintSymmetric(grid: Grid, rng: Rng): void {
  const qw = IN_W / 2;
  const qh = Math.ceil(IN_H / 2);
  const motif = rng.weighted(['scatter', 'lines', 'rings'] as const, [0.45, 0.3, 0.25]);
  const solid = rng.chance(0.25) ? 'P' : 'B';
  if (motif === 'scatter') {
    const density = rng.float(0.12, 0.3);
    for (let y = 1; y < qh; y++) {
      for (let x = 1; x < qw; x++) if (rng.chance(density)) paint(grid, IN_X0 + x, IN_Y0 + y, solid);
    }
  } else if (motif === 'lines') {
    const row = rng.int(1, qh - 1);
    const from = rng.int(1, 3);
    for (let x = from; x < qw - rng.int(0, 2); x++) paint(grid, IN_X0 + x, IN_Y0 + row, solid);
    if (rng.chance(0.5)) {
      const col = rng.int(1, qw - 2);
      for (let y = 1; y < qh; y++) paint(grid, IN_X0 + col, IN_Y0 + y, solid);
    }
  } else {
    const cx = rng.int(2, qw - 2);
    const cy = rng.int(1, qh - 2);
    for (const [dx, dy] of [[-1, 0], [1, 0], [0, -1], [0, 1], [-1, -1], [1, 1], [-1, 1], [1, -1]]) {
      paint(grid, IN_X0 + cx + dx, IN_Y0 + cy + dy, solid);
    }
    paint(grid, IN_X0 + cx, IN_Y0 + cy, rng.chance(0.5) ? 'S' : 'F');
  }
  mirrorX(grid);
  if (rng.chance(0.75)) mirrorY(grid);
  const centre = rng.next();
  const cy = IN_Y0 + Math.floor(IN_H / 2);
  if (centre < 0.2) {
    paint(grid, 7, cy, 'S');
    paint(grid, 8, cy, 'S');
  } else if (centre < 0.35) {
    for (const x of [6, 7, 8, 9]) paint(grid, x, cy, solid === 'P' ? 'P' : 'B');
    if (solid === 'P') {
      paint(grid, 7, cy, 'I');
      paint(grid, 8, cy, 'I');
    }
  }
}
