import { decode } from 'fast-png';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOOR_ENTRY, OPPOSITE, SIDE_DELTA, type Side } from '../../src/core/room';
import type { World } from '../../src/core/schema';
import { validateWorld } from '../../src/core/validate';
import { launch, openGame } from './browser';
import { findPath, isExitDoor, player, roomGrid, walkPath } from './walk';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const exportWorld = (page: Page) => page.evaluate(() => window.worldsmith.exportWorld()) as Promise<World>;

/** Distinct colours in a screenshot of the canvas (a blank canvas has one). */
async function canvasColours(page: Page): Promise<number> {
  const png = decode(await page.locator('#game canvas').screenshot());
  const seen = new Set<number>();
  const d = png.data as Uint8Array;
  for (let i = 0; i < d.length; i += 4 * 7) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
  return seen.size;
}

describe('the game page', () => {
  it('loads ?seed=abc, shows the seed and draws the world (canvas not blank)', async () => {
    const { page, errors } = await openGame(browser, '?seed=abc');
    expect(await page.evaluate(() => window.worldsmith.seed)).toBe('abc');
    expect(new URL(page.url()).searchParams.get('seed')).toBe('abc');
    await page.waitForTimeout(300);
    expect(await canvasColours(page)).toBeGreaterThan(40);
    const p = await player(page);
    const world = await exportWorld(page);
    expect([p.roomX, p.roomY, p.x, p.y]).toEqual([world.start.roomX, world.start.roomY, world.start.x, world.start.y]);
    expect(p.hp).toBe(p.maxHp);
    expect(await page.evaluate(() => window.worldsmith.fps())).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('gives a fresh seed without ?seed, puts it in the URL, and R makes another world', async () => {
    const { page } = await openGame(browser);
    const seed = await page.evaluate(() => window.worldsmith.seed);
    expect(seed).toMatch(/^[a-z2-9]{6}$/);
    expect(new URL(page.url()).searchParams.get('seed')).toBe(seed);
    await page.evaluate(() => {
      const w = window as unknown as { shownSeed?: string; notices: string[] };
      w.notices = [];
      window.worldsmith.on('shown', (world) => (w.shownSeed = world.seed));
      window.worldsmith.on('notice', (n) => w.notices.push(n.text));
    });
    await page.keyboard.press('r');
    const next = (await (await page.waitForFunction(() => (window as unknown as { shownSeed?: string }).shownSeed)).jsonValue()) as string;
    expect(next).not.toBe(seed);
    // The HUD says a world is being built before the (synchronous) generation, then how long it took.
    const notices = await page.evaluate(() => (window as unknown as { notices: string[] }).notices);
    expect(notices[0]).toBe(`Building world ${next}…`);
    expect(notices[1]).toMatch(new RegExp(`^World ${next} built in \\d+ ms$`));
    expect(await page.evaluate(() => window.worldsmith.seed)).toBe(next);
    expect(new URL(page.url()).searchParams.get('seed')).toBe(next);
    await page.close();
  });

  it('moves the hero with the arrow keys and WASD', async () => {
    const { page } = await openGame(browser, '?seed=abc');
    const world = await exportWorld(page);
    const grid = roomGrid(world, world.start.roomX, world.start.roomY);
    const { x, y } = world.start;
    const tries: Array<[string, number, number]> = [['ArrowRight', 1, 0], ['ArrowLeft', -1, 0], ['ArrowDown', 0, 1], ['ArrowUp', 0, -1], ['d', 1, 0], ['s', 0, 1], ['a', -1, 0], ['w', 0, -1]];
    let moved = 0;
    for (const [key, dx, dy] of tries) {
      if (!grid.walkable(x + dx, y + dy)) continue;
      await page.evaluate((s) => window.worldsmith.teleport(s.roomX, s.roomY, s.x, s.y), world.start);
      const before = await player(page);
      await page.keyboard.down(key);
      await page.waitForTimeout(250);
      await page.keyboard.up(key);
      const after = await player(page);
      expect(Math.sign(after.px - before.px), key).toBe(dx);
      expect(Math.sign(after.py - before.py), key).toBe(dy);
      moved++;
    }
    expect(moved).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('walks through a door into the neighbouring room, arriving inside the facing door', async () => {
    const { page, errors } = await openGame(browser, '?seed=abc');
    const world = await exportWorld(page);
    const p0 = await player(page);
    const grid = roomGrid(world, p0.roomX, p0.roomY);
    const path = findPath(grid, [p0.x, p0.y], isExitDoor(grid));
    expect(path, 'a door reachable from the start').not.toBeNull();
    const [dx, dy] = path![path!.length - 1];
    const side: Side = dy === 0 ? 'N' : dy === 10 ? 'S' : dx === 0 ? 'W' : 'E';
    const p1 = await walkPath(page, path!);
    expect([p1.roomX, p1.roomY]).toEqual([p0.roomX + SIDE_DELTA[side][0], p0.roomY + SIDE_DELTA[side][1]]);
    await page.waitForTimeout(500);
    const p2 = await player(page);
    const entries = DOOR_ENTRY[OPPOSITE[side]].map(([ex, ey]) => `${ex},${ey}`);
    expect(entries).toContain(`${p2.x},${p2.y}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports a valid world that is identical for the same seed across two page loads', async () => {
    const a = await openGame(browser, '?seed=abc');
    const first = await exportWorld(a.page);
    expect(() => validateWorld(first)).not.toThrow();
    expect(first.seed).toBe('abc');
    await a.page.close();
    const b = await openGame(browser, '?seed=abc');
    expect(await exportWorld(b.page)).toEqual(first);
    const tiled = (await b.page.evaluate(() => window.worldsmith.exportTiled())) as { version: string; width: number };
    expect(tiled.version).toBe('1.10');
    expect(tiled.width).toBe(first.width * 16);
    await b.page.close();
  });

  it('rejects a broken world on import with a clear message and keeps playing', async () => {
    const { page } = await openGame(browser, '?seed=abc');
    const world = await exportWorld(page);
    const attempt = (value: unknown) =>
      page.evaluate(async (v) => {
        try {
          await window.worldsmith.importWorld(v);
          return 'accepted';
        } catch (e) {
          return `${(e as Error).name}: ${(e as Error).message}`;
        }
      }, value);
    expect(await attempt('{not json')).toMatch(/WorldValidationError: Invalid world: .*not JSON/);
    expect(await attempt({ ...world, rooms: 'none' })).toMatch(/rooms: .*expected array/i);
    const badTile = JSON.parse(JSON.stringify(world)) as World;
    badTile.rooms[3].tiles[4] = 'FFFFFFFFFFFFFFFZ';
    expect(await attempt(badTile)).toMatch(/rooms\[3\]\.tiles\[4\]/);
    expect(await attempt({ format: 'worldsmith.world', version: 2 })).toMatch(/unsupported version 2/);
    expect(await page.evaluate(() => window.worldsmith.seed)).toBe('abc');
    // A valid edit is accepted and played.
    const renamed = { ...world, seed: 'imported-1' };
    expect(await attempt(renamed)).toBe('accepted');
    expect(await page.evaluate(() => window.worldsmith.seed)).toBe('imported-1');
    await page.close();
  });
});
