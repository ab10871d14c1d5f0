import { readFile } from 'node:fs/promises';
import { decode } from 'fast-png';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../src/core/params';
import { validateWorld } from '../../src/core/validate';
import { writeParamsQuery } from '../../src/debug/panelState';
import { serializeWorld } from '../../src/pipeline/export/worldJson';
import { baseUrl, launch, openGame } from './browser';

/**
 * The debug panel in a real browser: toggling, typing that never reaches the game, seed and
 * params applied live and clamped, the URL and localStorage state, export downloads that
 * validate, byte-identical regeneration from seed + params, import. (The model sections are in
 * panelModels.e2e.test.ts.)
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const ctl = (page: Page, key: string) => page.locator(`.ws-panel [data-key="${key}"]`);
const panelReady = (page: Page) => page.evaluate(() => window.worldsmithPanel!.ready);
const message = (page: Page) => page.evaluate(() => window.worldsmithPanel!.message());
const params = (page: Page) => page.evaluate(() => window.worldsmith.params());
const worldText = async (page: Page) => serializeWorld(validateWorld(await page.evaluate(() => window.worldsmith.exportWorld())));

async function openPanel(page: Page): Promise<void> {
  await panelReady(page);
  await page.keyboard.press('Backquote');
  await expect.poll(() => page.evaluate(() => window.worldsmithPanel!.isOpen())).toBe(true);
  await expect(ctl(page, 'seed').isVisible()).resolves.toBe(true);
}

/** Counts worlds shown from now on (read with `shown(page)`). */
async function countShown(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { shownCount: number; shownHooked?: boolean };
    w.shownCount = 0;
    if (!w.shownHooked) {
      w.shownHooked = true;
      window.worldsmith.on('shown', () => w.shownCount++);
    }
  });
}
const shown = (page: Page) => page.evaluate(() => (window as unknown as { shownCount: number }).shownCount);

/** Types a value into a control's text field and commits it (Enter blurs: lil-gui's finish). */
async function commit(page: Page, key: string, value: string): Promise<void> {
  const input = ctl(page, key).locator('input').first();
  await input.fill(value);
  await input.press('Enter');
}

async function downloads(page: Page, click: () => Promise<void>, count: number): Promise<Map<string, Buffer>> {
  const got: Download[] = [];
  const on = (d: Download) => got.push(d);
  page.on('download', on);
  await click();
  await expect.poll(() => got.length, { timeout: 10_000 }).toBe(count);
  page.off('download', on);
  const files = new Map<string, Buffer>();
  for (const d of got) files.set(d.suggestedFilename(), await readFile((await d.path())!));
  return files;
}

describe('the debug panel', () => {
  it('opens and closes with the backquote key; keys typed into it never reach the game', async () => {
    const { page, errors } = await openGame(browser, '?seed=abc');
    await panelReady(page);
    expect(await page.locator('.ws-panel').isVisible()).toBe(false);
    const canvasWidth = () => page.locator('#game canvas').evaluate((c) => c.getBoundingClientRect().width);
    const closedWidth = await canvasWidth();
    await openPanel(page);
    expect(new URL(page.url()).searchParams.get('debug')).toBe('1');
    // The canvas shrinks beside the panel (Phaser's FIT follows its parent): the HUD stays in view.
    const panelLeft = await page.locator('.ws-panel').evaluate((p) => p.getBoundingClientRect().left);
    await expect.poll(() => page.locator('#game canvas').evaluate((c) => c.getBoundingClientRect().right), { timeout: 5000 }).toBeLessThanOrEqual(panelLeft + 0.5);
    const before = await page.evaluate(() => window.worldsmith.player());
    let downloaded = 0;
    page.on('download', () => downloaded++);
    await countShown(page);
    // R, X, I, W, A, S, D and Space are game keys; here they are text. The seed is refused.
    await commit(page, 'seed', 'rxi wasd!');
    await expect.poll(() => message(page)).toMatch(/seed "rxi wasd!" refused/);
    await page.waitForTimeout(400);
    expect(downloaded).toBe(0);
    expect(await shown(page)).toBe(0);
    expect(await page.evaluate(() => window.worldsmith.seed)).toBe('abc');
    const after = await page.evaluate(() => window.worldsmith.player());
    expect([after.px, after.py]).toEqual([before.px, before.py]);
    expect(await ctl(page, 'seed').locator('input').inputValue()).toBe('abc');
    // The game still plays with the panel open.
    await page.keyboard.down('ArrowDown');
    await page.waitForTimeout(250);
    await page.keyboard.up('ArrowDown');
    await page.keyboard.down('ArrowUp');
    await page.waitForTimeout(250);
    await page.keyboard.up('ArrowUp');
    const moved = await page.evaluate(() => window.worldsmith.player());
    expect(moved.px !== before.px || moved.py !== before.py || moved.facing === 'up').toBe(true);
    await page.keyboard.press('Backquote');
    await expect.poll(() => page.locator('.ws-panel').isVisible()).toBe(false);
    expect(new URL(page.url()).searchParams.get('debug')).toBeNull();
    await expect.poll(canvasWidth, { timeout: 5000 }).toBeCloseTo(closedWidth, 0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a seed typed or rolled in the panel makes a new world, live', async () => {
    const { page, errors } = await openGame(browser, '?seed=abc');
    await openPanel(page);
    const first = await worldText(page);
    await countShown(page);
    await commit(page, 'seed', 'panel-seed');
    await expect.poll(() => shown(page)).toBe(1);
    expect(await page.evaluate(() => window.worldsmith.seed)).toBe('panel-seed');
    expect(await worldText(page)).not.toBe(first);
    expect(new URL(page.url()).searchParams.get('seed')).toBe('panel-seed');
    await ctl(page, 'dice').locator('button').click();
    await expect.poll(() => shown(page)).toBe(2);
    const rolled = await page.evaluate(() => window.worldsmith.seed);
    expect(rolled).toMatch(/^[a-z2-9]{6}$/);
    expect(await ctl(page, 'seed').locator('input').inputValue()).toBe(rolled);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('params apply live and are clamped; the URL reproduces the world in a fresh page; localStorage and reset', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl()}?seed=abc`);
    await page.waitForFunction(() => typeof window.worldsmith === 'object' && typeof window.worldsmithPanel === 'object');
    await openPanel(page);
    await countShown(page);
    await commit(page, 'width', '3');
    await expect.poll(() => shown(page)).toBe(1);
    expect((await page.evaluate(() => window.worldsmith.world())).width).toBe(3);
    await commit(page, 'density.enemies', '9');
    await expect.poll(() => params(page).then((p) => p.density.enemies)).toBe(6);
    await commit(page, 'biomes.thresholds.1', '0.9');
    await expect.poll(() => params(page).then((p) => p.biomes.thresholds)).toEqual([-0.3, 0.3, 0.3]);
    expect(await message(page)).toMatch(/must stay between -0.3 and 0.3/);
    await ctl(page, 'rooms.source').locator('select').selectOption('classic');
    await expect.poll(() => page.evaluate(() => window.worldsmith.world().generators.rooms)).toBe('classic');
    const p = await params(page);
    expect(p).toMatchObject({ width: 3, density: { enemies: 6 }, rooms: { source: 'classic' } });
    const url = new URL(page.url());
    expect(url.searchParams.get('width')).toBe('3');
    expect(url.searchParams.get('rooms.source')).toBe('classic');
    expect(url.searchParams.get('height')).toBeNull();
    expect(await ctl(page, 'link').locator('input').inputValue()).toBe(page.url());
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('worldsmith.panel')))!);
    expect(stored.params).toMatchObject({ width: 3, rooms: { source: 'classic' } });
    const text = await worldText(page);

    // The link, in a fresh browser context (no localStorage): the same world, byte for byte.
    const { page: fresh, errors: freshErrors } = await openGame(browser, url.search);
    await panelReady(fresh);
    expect(await params(fresh)).toEqual(p);
    expect(await worldText(fresh)).toBe(text);
    expect(freshErrors).toEqual([]);
    await fresh.close();

    // Same browser profile, a link with only a seed: the params come back from localStorage.
    const again = await context.newPage();
    await again.goto(`${baseUrl()}?seed=abc`);
    await again.waitForFunction(() => typeof window.worldsmithPanel === 'object');
    await panelReady(again);
    expect(await params(again)).toEqual(p);
    expect(await worldText(again)).toBe(text);
    expect(new URL(again.url()).searchParams.get('width')).toBe('3');
    await again.close();

    await countShown(page);
    await ctl(page, 'reset').locator('button').click();
    await expect.poll(() => shown(page)).toBe(1);
    expect(await params(page)).toEqual(DEFAULT_PARAMS);
    expect(new URL(page.url()).searchParams.get('width')).toBeNull();
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem('worldsmith.panel')))!).params).toEqual({});
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses or clamps bad values in a link, with a message, and the game still runs', async () => {
    const { page, errors } = await openGame(browser, '?seed=abc&width=99&rooms.source=bogus&loops=lots&biomes.thresholds=0.5,0,-0.5');
    await panelReady(page);
    const p = await params(page);
    expect(p.width).toBe(12);
    expect(p.rooms.source).toBe(DEFAULT_PARAMS.rooms.source);
    expect(p.loops).toBe(DEFAULT_PARAMS.loops);
    expect(p.biomes.thresholds).toEqual([-0.5, 0, 0.5]);
    const m = await message(page);
    expect(m).toMatch(/width: 99 is above the maximum 12; clamped to 12/);
    expect(m).toMatch(/rooms.source: "bogus" is not one of vae, classic/);
    expect(m).toMatch(/loops: "lots" is not a number/);
    expect(m).toMatch(/thresholds must be ascending/);
    expect((await page.evaluate(() => window.worldsmith.world())).width).toBe(12);
    expect(await page.evaluate(() => window.worldsmith.fps())).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports files that validate; seed + params regenerate the world byte for byte; import plays it', async () => {
    const { page, errors } = await openGame(browser, '?seed=exp&width=4&loops=0.5&density.items=2&debug=1');
    await panelReady(page);
    await expect.poll(() => page.locator('.ws-panel').isVisible()).toBe(true);
    const json = await downloads(page, () => ctl(page, 'export-json').locator('button').click(), 1);
    const text = json.get('worldsmith-exp.world.json')!.toString('utf8');
    const world = validateWorld(text);
    expect(serializeWorld(world)).toBe(text);
    expect(world.params).toEqual(await params(page));
    expect(world.params).toMatchObject({ width: 4, loops: 0.5, density: { items: 2 } });

    const tiled = await downloads(page, () => ctl(page, 'export-tiled').locator('button').click(), 2);
    expect([...tiled.keys()].sort()).toEqual(['worldsmith-exp.png', 'worldsmith-exp.tmj']);
    const tmj = JSON.parse(tiled.get('worldsmith-exp.tmj')!.toString('utf8'));
    expect(tmj).toEqual(await page.evaluate(() => window.worldsmith.exportTiled()));
    expect(tmj.width).toBe(4 * 16);
    const png = decode(tiled.get('worldsmith-exp.png')!);
    expect([png.width, png.height]).toEqual([tmj.tilesets[0].imagewidth, tmj.tilesets[0].imageheight]);

    const yarn = (await downloads(page, () => ctl(page, 'export-yarn').locator('button').click(), 1)).get('worldsmith-exp.yarn')!.toString('utf8');
    const titles = [...yarn.matchAll(/^title: (\S+)$/gm)].map((m) => m[1]);
    expect(titles).toHaveLength(world.npcs.length);
    expect(yarn.split('\n===').length - 1).toBe(world.npcs.length);

    // Seed + recorded params, in a fresh page: the same bytes.
    const query = writeParamsQuery(world.params, new URLSearchParams({ seed: world.seed }));
    const { page: regen } = await openGame(browser, `?${query}`);
    await panelReady(regen);
    expect(await worldText(regen)).toBe(text);

    // Import through the panel into another world: the exported world plays again.
    await openPanel(regen);
    await countShown(regen);
    await regen.evaluate(() => window.worldsmith.regenerate('other'));
    expect(await worldText(regen)).not.toBe(text);
    await ctl(regen, 'import-file').setInputFiles({ name: 'worldsmith-exp.world.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect.poll(() => regen.evaluate(() => window.worldsmith.seed)).toBe('exp');
    expect(await worldText(regen)).toBe(text);
    expect(await message(regen)).toMatch(/imported worldsmith-exp.world.json/);
    const broken = JSON.parse(text);
    broken.rooms[0].tiles[0] = 'nonsense';
    await ctl(regen, 'import-file').setInputFiles({ name: 'broken.world.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await expect.poll(() => message(regen)).toMatch(/import refused \(broken.world.json\): Invalid world: rooms\[0\]\.tiles\[0\]/);
    expect(await worldText(regen)).toBe(text);
    await regen.close();
    expect(errors).toEqual([]);
    await page.close();
  });
});
