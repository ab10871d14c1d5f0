import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRS4 } from '../../src/core/grid';
import type { World } from '../../src/core/schema';
import { launch, openGame } from './browser';
import { player, roomGrid, walkPath } from './walk';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const exportWorld = (page: Page) => page.evaluate(() => window.worldsmith.exportWorld()) as Promise<World>;

/** A walkable tile next to (x, y) in room (rx, ry), and the arrow key that faces (x, y) from it. */
function besides(world: World, rx: number, ry: number, x: number, y: number): { x: number; y: number; key: string } {
  const grid = roomGrid(world, rx, ry);
  const keys: Record<string, string> = { '0,-1': 'ArrowDown', '1,0': 'ArrowLeft', '0,1': 'ArrowUp', '-1,0': 'ArrowRight' };
  const taken = new Set(world.rooms.find((r) => r.x === rx && r.y === ry)!.entities.map((e) => `${e.x},${e.y}`));
  for (const [dx, dy] of DIRS4) {
    if (grid.walkable(x + dx, y + dy) && !taken.has(`${x + dx},${y + dy}`)) return { x: x + dx, y: y + dy, key: keys[`${dx},${dy}`] };
  }
  throw new Error(`no free tile beside (${x},${y})`);
}

async function waitShown(page: Page, action: () => Promise<void>): Promise<string> {
  await page.evaluate(() => {
    const w = window as unknown as { shown?: string };
    w.shown = undefined;
    window.worldsmith.on('shown', (world) => (w.shown = world.seed));
  });
  await action();
  const handle = await page.waitForFunction(() => (window as unknown as { shown?: string }).shown, undefined, { timeout: 20_000 });
  return (await handle.jsonValue()) as string;
}

describe('playing', () => {
  it('E talks to the quest giver: the world\'s lines, typed out, labelled placeholders, E advances and closes', async () => {
    const { page } = await openGame(browser, '?seed=abc');
    const world = await exportWorld(page);
    const giver = world.npcs.find((n) => n.id === world.quest.giver)!;
    const e = world.rooms.flatMap((r) => r.entities).find((x) => x.kind === 'npc' && x.npc === giver.id)!;
    const spot = besides(world, giver.roomX, giver.roomY, e.x, e.y);
    await page.evaluate(([rx, ry, x, y]) => window.worldsmith.teleport(rx, ry, x, y), [giver.roomX, giver.roomY, spot.x, spot.y]);
    await page.keyboard.down(spot.key);
    await page.waitForTimeout(120);
    await page.keyboard.up(spot.key);
    await page.keyboard.press('e');
    const first = await page.evaluate(() => window.worldsmith.dialogue());
    expect(first).toMatchObject({ speaker: giver.name, line: 0, placeholder: world.generators.lines === 'placeholder' });
    await page.waitForTimeout(400);
    const typed = (await page.evaluate(() => window.worldsmith.dialogue()))!.text;
    expect(typed.length).toBeGreaterThan(first!.text.length);
    expect(giver.lines[0].text.startsWith(typed)).toBe(true);
    // Each line takes one press to finish typing and one to advance. A press shorter than a
    // frame can be missed on a slow headless renderer, so press at frame pace with headroom.
    const lines = giver.lines.filter((l) => l.situation !== 'quest-completion').length;
    for (let i = 0; i < lines * 4 + 4; i++) {
      if (!(await page.evaluate(() => window.worldsmith.dialogue()))) break;
      await page.keyboard.press('e');
      await page.waitForTimeout(80);
    }
    expect(await page.evaluate(() => window.worldsmith.dialogue())).toBeNull();
    // Talking again starts over with the same first line.
    await page.waitForTimeout(300);
    await page.keyboard.press('e');
    await expect
      .poll(async () => (await page.evaluate(() => window.worldsmith.dialogue()))?.text, { timeout: 10_000 })
      .toBe(giver.lines[0].text);
    await page.close();
  });

  it('taking the goal wins; Enter then makes a new world with a fresh seed', async () => {
    const { page } = await openGame(browser, '?seed=abc');
    const world = await exportWorld(page);
    const { roomX, roomY, x, y } = world.goal;
    const spot = besides(world, roomX, roomY, x, y);
    await page.evaluate(([rx, ry, sx, sy]) => window.worldsmith.teleport(rx, ry, sx, sy), [roomX, roomY, spot.x, spot.y]);
    await walkPath(page, [[spot.x, spot.y], [x, y]]);
    await expect.poll(async () => (await player(page)).outcome, { timeout: 10_000 }).toBe('won');
    const seed = await waitShown(page, () => page.keyboard.press('Enter'));
    expect(seed).not.toBe('abc');
    expect(await page.evaluate(() => window.worldsmith.seed)).toBe(seed);
    const p = await player(page);
    expect(p.outcome).toBe('playing');
    expect(p.hp).toBe(p.maxHp);
    await page.close();
  });

  it('enemies hurt the hero until death; Enter retries the same seed from the start', async () => {
    const { page } = await openGame(browser, '?seed=abc');
    const world = await exportWorld(page);
    const rooms = world.rooms.filter((r) => r.entities.some((e) => e.kind === 'enemy'));
    const room = rooms.sort((a, b) => b.entities.filter((e) => e.kind === 'enemy').length - a.entities.filter((e) => e.kind === 'enemy').length)[0];
    const enemy = room.entities.find((e) => e.kind === 'enemy')!;
    const spot = besides(world, room.x, room.y, enemy.x, enemy.y);
    await page.evaluate(([rx, ry, sx, sy]) => window.worldsmith.teleport(rx, ry, sx, sy), [room.x, room.y, spot.x, spot.y]);
    await expect.poll(async () => (await player(page)).hp, { timeout: 10_000 }).toBeLessThan(5);
    // Keep walking into the nearest trouble until the last heart is gone.
    const deadline = Date.now() + 45_000;
    while ((await player(page)).outcome === 'playing' && Date.now() < deadline) {
      const p = await player(page);
      if (p.roomX !== room.x || p.roomY !== room.y) break;
      await page.evaluate(([rx, ry, sx, sy]) => window.worldsmith.teleport(rx, ry, sx, sy), [room.x, room.y, spot.x, spot.y]);
      await page.waitForTimeout(1200);
    }
    expect((await player(page)).outcome).toBe('dead');
    const seed = await waitShown(page, () => page.keyboard.press('Enter'));
    expect(seed).toBe('abc');
    const p = await player(page);
    expect(p).toMatchObject({ outcome: 'playing', hp: p.maxHp, roomX: world.start.roomX, roomY: world.start.roomY, x: world.start.x, y: world.start.y });
    expect(await exportWorld(page)).toEqual(world);
    await page.close();
  });
});
