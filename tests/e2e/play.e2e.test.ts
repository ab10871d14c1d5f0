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

type Talk = Awaited<ReturnType<Window['worldsmith']['dialogue']>>;
const dialogue = (page: Page): Promise<Talk> => page.evaluate(() => window.worldsmith.dialogue());

/** Holds an arrow key until the hero faces that way (it is blocked by what it faces, so it barely moves). */
async function face(page: Page, key: string): Promise<void> {
  const facing = { ArrowDown: 'down', ArrowUp: 'up', ArrowLeft: 'left', ArrowRight: 'right' }[key];
  await page.keyboard.down(key);
  try {
    await page.waitForFunction((f) => window.worldsmith.player().facing === f, facing, { timeout: 5_000 });
    await page.waitForTimeout(50);
  } finally {
    await page.keyboard.up(key);
  }
}

/**
 * Presses E until the conversation satisfies `done` (Phaser reads keys once per frame; a press
 * between two frames of a slow renderer can be lost, so press again if nothing happened).
 */
async function talkPress(page: Page, done: (d: Talk) => boolean): Promise<Talk> {
  for (let attempt = 0; attempt < 4; attempt++) {
    await page.keyboard.down('e');
    await page.waitForTimeout(40);
    await page.keyboard.up('e');
    const deadline = Date.now() + 1_500;
    while (Date.now() < deadline) {
      const d = await dialogue(page);
      if (done(d)) return d;
      await page.waitForTimeout(30);
    }
  }
  throw new Error(`E had no effect after 4 presses; the conversation is ${JSON.stringify(await dialogue(page))}`);
}

describe('playing', () => {
  it('E talks to the quest giver: the world\'s lines, typed out, labelled placeholders, E advances and closes', async () => {
    const { page } = await openGame(browser, '?seed=abc');
    const world = await exportWorld(page);
    const giver = world.npcs.find((n) => n.id === world.quest.giver)!;
    const e = world.rooms.flatMap((r) => r.entities).find((x) => x.kind === 'npc' && x.npc === giver.id)!;
    const spot = besides(world, giver.roomX, giver.roomY, e.x, e.y);
    await page.evaluate(([rx, ry, x, y]) => window.worldsmith.teleport(rx, ry, x, y), [giver.roomX, giver.roomY, spot.x, spot.y]);
    await face(page, spot.key);
    const first = await talkPress(page, (d) => d !== null);
    expect(first).toMatchObject({ speaker: giver.name, line: 0, placeholder: world.generators.lines === 'placeholder' });
    await page.waitForTimeout(400);
    const typed = (await dialogue(page))!.text;
    expect(typed.length).toBeGreaterThan(first!.text.length);
    expect(giver.lines[0].text.startsWith(typed)).toBe(true);
    // Each line takes one press to finish typing and one to advance; every press waits until
    // the game has reacted (closed loop, so a slow headless renderer cannot lose a press).
    const said = giver.lines.filter((l) => l.situation !== 'quest-completion').map((l) => l.text);
    const lines = said.length;
    for (let i = 0; i < lines * 4 + 4; i++) {
      const before = await dialogue(page);
      if (!before) break;
      const full = (d: NonNullable<Talk>) => d.text === said[d.line];
      await talkPress(page, (d) => d === null || d.line !== before.line || (!full(before) && full(d)));
    }
    expect(await dialogue(page)).toBeNull();
    // Talking again starts over with the same first line.
    await talkPress(page, (d) => d !== null);
    await expect.poll(async () => (await dialogue(page))?.text, { timeout: 10_000 }).toBe(giver.lines[0].text);
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
