import type { Page } from 'playwright-core';
import { bfs, Grid, ROOM_H, ROOM_W } from '../../src/core/grid';
import type { World } from '../../src/core/schema';
import type { PlayerInfo } from '../../src/game/api';

/**
 * Walks the hero along a path of tiles by holding arrow keys, steering by the position the
 * window API reports (closed loop, so it works at any frame rate). Tiles are room coordinates.
 */
export async function player(page: Page): Promise<PlayerInfo> {
  return page.evaluate(() => window.worldsmith.player());
}

/** Shortest 4-connected path over walkable tiles from `from` to the first tile `goal` accepts. */
export function findPath(grid: Grid, from: [number, number], goal: (x: number, y: number) => boolean): Array<[number, number]> | null {
  const dist = bfs(grid, [from]);
  let end = -1;
  for (let i = 0; i < dist.length; i++) {
    if (dist[i] < 0 || !goal(i % ROOM_W, Math.floor(i / ROOM_W))) continue;
    if (end < 0 || dist[i] < dist[end]) end = i;
  }
  if (end < 0) return null;
  const path: Array<[number, number]> = [[end % ROOM_W, Math.floor(end / ROOM_W)]];
  while (dist[path[0][1] * ROOM_W + path[0][0]] > 0) {
    const [x, y] = path[0];
    const d = dist[y * ROOM_W + x];
    const prev = ([[x - 1, y], [x + 1, y], [x, y - 1], [x, y + 1]] as Array<[number, number]>).find(
      ([nx, ny]) => grid.inside(nx, ny) && dist[ny * ROOM_W + nx] === d - 1,
    )!;
    path.unshift(prev);
  }
  return path;
}

const KEYS = { left: 'ArrowLeft', right: 'ArrowRight', up: 'ArrowUp', down: 'ArrowDown' } as const;

/**
 * Holds keys towards each tile centre in turn. Stops early (returning the new player) when the
 * room changes or the game ends (won, dead). Throws if the hero gets stuck for 2 s.
 */
export async function walkPath(page: Page, path: ReadonlyArray<readonly [number, number]>): Promise<PlayerInfo> {
  const held = new Set<string>();
  const hold = async (key: string, on: boolean) => {
    if (on && !held.has(key)) {
      held.add(key);
      await page.keyboard.down(key);
    } else if (!on && held.has(key)) {
      held.delete(key);
      await page.keyboard.up(key);
    }
  };
  const start = await player(page);
  let p = start;
  try {
    for (const [tx, ty] of path.slice(1)) {
      const cx = tx * 16 + 8;
      const cy = ty * 16 + 8;
      let last = { px: p.px, py: p.py, t: Date.now() };
      for (;;) {
        p = await player(page);
        if (p.roomX !== start.roomX || p.roomY !== start.roomY || p.outcome !== 'playing') return p;
        const dx = cx - p.px;
        const dy = cy - p.py;
        if (Math.abs(dx) <= 3 && Math.abs(dy) <= 3) break;
        await hold(KEYS.right, dx > 3);
        await hold(KEYS.left, dx < -3);
        await hold(KEYS.down, dy > 3);
        await hold(KEYS.up, dy < -3);
        if (Math.hypot(p.px - last.px, p.py - last.py) > 1) last = { px: p.px, py: p.py, t: Date.now() };
        else if (Date.now() - last.t > 2000) throw new Error(`hero stuck at (${p.px},${p.py}) heading for tile (${tx},${ty})`);
        await page.waitForTimeout(12);
      }
    }
    return p;
  } finally {
    for (const key of [...held]) await hold(key, false);
  }
}

/** The room the hero is in, as a Grid, from the world JSON. */
export function roomGrid(world: World, roomX: number, roomY: number): Grid {
  const room = world.rooms.find((r) => r.x === roomX && r.y === roomY);
  if (!room) throw new Error(`no room (${roomX},${roomY})`);
  return Grid.fromRows(room.tiles);
}

/** A door tile on the outer edge of the room (where walking on leads next door). */
export const isExitDoor = (grid: Grid) => (x: number, y: number) =>
  grid.get(x, y) === 'D' && (x === 0 || y === 0 || x === ROOM_W - 1 || y === ROOM_H - 1);
