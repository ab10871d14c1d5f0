import type { Grid } from '../../core/grid';
import type { Rng } from '../../core/rng';
import { IN_X0, IN_X1, IN_Y0, IN_Y1, paint, paintRect } from './interior';

/**
 * Water features: a meandering river crossed by bridges (`O`), a pond with rocks standing in it
 * (`I`), or a moat round an island reached by bridges. Every body of water that splits the room
 * gets at least one bridge.
 */
export function paintWater(grid: Grid, rng: Rng): void {
  const kind = rng.weighted(['river', 'pond', 'moat'] as const, [0.45, 0.35, 0.2]);
  if (kind === 'river') paintRiver(grid, rng);
  else if (kind === 'pond') paintPond(grid, rng);
  else paintMoat(grid, rng);
}

function paintRiver(grid: Grid, rng: Rng): void {
  const horizontal = rng.chance(0.5);
  const width = rng.int(1, 2);
  if (horizontal) {
    let y = rng.int(IN_Y0 + 2, IN_Y1 - 2 - width + 1);
    for (let x = IN_X0; x <= IN_X1; x++) {
      paintRect(grid, x, y, 1, width, 'P');
      if (rng.chance(0.3)) y = Math.min(IN_Y1 - width, Math.max(IN_Y0 + 1, y + rng.pick([-1, 1])));
      paintRect(grid, x, y, 1, width, 'P');
    }
    const bridges = rng.shuffle([7, 8, 4, 11]).slice(0, rng.int(1, 2));
    for (const bx of bridges) bridgeColumn(grid, bx);
  } else {
    let x = rng.int(IN_X0 + 3, IN_X1 - 3 - width + 1);
    for (let y = IN_Y0; y <= IN_Y1; y++) {
      paintRect(grid, x, y, width, 1, 'P');
      if (rng.chance(0.35)) x = Math.min(IN_X1 - width - 1, Math.max(IN_X0 + 2, x + rng.pick([-1, 1])));
      paintRect(grid, x, y, width, 1, 'P');
    }
    const bridges = rng.shuffle([5, 4, 6, 3, 7]).slice(0, rng.int(1, 2));
    for (const by of bridges) bridgeRow(grid, by);
  }
  if (rng.chance(0.3)) scatterRocks(grid, rng, 'B', rng.int(1, 4));
}

/** Turns the water of one column into bridge planks. */
function bridgeColumn(grid: Grid, x: number): void {
  for (let y = IN_Y0; y <= IN_Y1; y++) if (grid.get(x, y) === 'P') grid.set(x, y, 'O');
}

function bridgeRow(grid: Grid, y: number): void {
  for (let x = IN_X0; x <= IN_X1; x++) if (grid.get(x, y) === 'P') grid.set(x, y, 'O');
}

function paintPond(grid: Grid, rng: Rng): void {
  const w = rng.int(4, 8);
  const h = rng.int(3, 5);
  const x0 = rng.int(IN_X0 + 1, IN_X1 - w);
  const y0 = rng.int(IN_Y0 + 1, IN_Y1 - h);
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) {
      const corner = (x === x0 || x === x0 + w - 1) && (y === y0 || y === y0 + h - 1);
      if (!corner || rng.chance(0.3)) paint(grid, x, y, 'P');
    }
  }
  const rocks = rng.int(0, 3);
  for (let i = 0; i < rocks; i++) paint(grid, rng.int(x0 + 1, x0 + w - 2), rng.int(y0 + 1, y0 + h - 2), 'I');
  if (rng.chance(0.4)) bridgeRow(grid, rng.int(y0 + 1, y0 + h - 2));
  if (rng.chance(0.5)) scatterRocks(grid, rng, 'B', rng.int(2, 6));
}

function paintMoat(grid: Grid, rng: Rng): void {
  const x0 = rng.int(IN_X0 + 1, IN_X0 + 3);
  const x1 = rng.int(IN_X1 - 3, IN_X1 - 1);
  const y0 = IN_Y0 + 1;
  const y1 = IN_Y1 - 1;
  for (let x = x0; x <= x1; x++) {
    paint(grid, x, y0, 'P');
    paint(grid, x, y1, 'P');
  }
  for (let y = y0; y <= y1; y++) {
    paint(grid, x0, y, 'P');
    paint(grid, x1, y, 'P');
  }
  const mid = Math.floor((IN_Y0 + IN_Y1) / 2);
  const sides = rng.shuffle(['n', 's', 'w', 'e'] as const).slice(0, rng.int(1, 3));
  for (const s of sides) {
    if (s === 'n') paintRect(grid, 7, y0, 2, 1, 'O');
    if (s === 's') paintRect(grid, 7, y1, 2, 1, 'O');
    if (s === 'w') paint(grid, x0, mid, 'O');
    if (s === 'e') paint(grid, x1, mid, 'O');
  }
  const centre = rng.next();
  if (centre < 0.4) paintRect(grid, 7, mid - 1, 2, 2, 'S');
  else if (centre < 0.7) paintRect(grid, 7, mid, 2, 1, 'B');
}

/** Scatters `count` single obstacles on open floor away from the water. */
function scatterRocks(grid: Grid, rng: Rng, tile: 'B', count: number): void {
  for (let i = 0; i < count; i++) {
    const x = rng.int(IN_X0 + 1, IN_X1 - 1);
    const y = rng.int(IN_Y0 + 1, IN_Y1 - 1);
    if (grid.get(x, y) === 'F') grid.set(x, y, tile);
  }
}
