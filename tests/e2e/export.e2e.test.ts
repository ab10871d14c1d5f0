import { readFile } from 'node:fs/promises';
import { decode } from 'fast-png';
import type { Browser, Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../../src/core/schema';
import { validateWorld } from '../../src/core/validate';
import { serializeWorld } from '../../src/pipeline/export/worldJson';
import type { TiledView } from '../../src/game/pages/tiledViewer';
import { baseUrl, launch, openGame } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Files downloaded by pressing X, by name. */
const exported = new Map<string, Buffer>();

describe('export and import', () => {
  it('X downloads the world JSON, its dialogue, the Tiled map and its tileset PNG', async () => {
    const { page, errors } = await openGame(browser, '?seed=abc');
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.keyboard.press('x');
    await expect.poll(() => downloads.length, { timeout: 10_000 }).toBe(4);
    for (const d of downloads) exported.set(d.suggestedFilename(), await readFile((await d.path())!));
    expect([...exported.keys()].sort()).toEqual(['worldsmith-abc.png', 'worldsmith-abc.tmj', 'worldsmith-abc.world.json', 'worldsmith-abc.yarn']);
    const text = exported.get('worldsmith-abc.world.json')!.toString('utf8');
    const world = validateWorld(text);
    expect(serializeWorld(world)).toBe(text);
    expect(world).toEqual(await page.evaluate(() => window.worldsmith.exportWorld()));
    const tmj = JSON.parse(exported.get('worldsmith-abc.tmj')!.toString('utf8'));
    expect(tmj).toEqual(await page.evaluate(() => window.worldsmith.exportTiled()));
    expect(tmj.tilesets[0].image).toBe('worldsmith-abc.png');
    const png = decode(exported.get('worldsmith-abc.png')!);
    expect([png.width, png.height]).toEqual([tmj.tilesets[0].imagewidth, tmj.tilesets[0].imageheight]);
    const yarn = exported.get('worldsmith-abc.yarn')!.toString('utf8');
    for (const npc of world.npcs) expect(yarn).toContain(`title: ${npc.id.replace(/-/g, '_')}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the exported .tmj loads in Phaser through load.tilemapTiledJSON', async () => {
    expect(exported.size, 'needs the previous test').toBe(4);
    const page = await browser.newPage();
    // Serve the downloaded files beside each other, as a user would keep them.
    await page.route('**/exported/*', (route) => {
      const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop()!);
      const body = exported.get(name);
      if (!body) return route.fulfill({ status: 404, body: 'missing' });
      return route.fulfill({ status: 200, body, contentType: name.endsWith('.png') ? 'image/png' : 'application/json' });
    });
    await page.goto(`${baseUrl()}tiled.html?map=exported/worldsmith-abc.tmj`);
    const view = (await (await page.waitForFunction(() => window.tiledView, undefined, { timeout: 20_000 })).jsonValue()) as TiledView;
    const world = validateWorld(exported.get('worldsmith-abc.world.json')!.toString('utf8')) as World;
    expect(view.error).toBeUndefined();
    expect(view.ok).toBe(true);
    expect(view.width).toBe(world.width * 16);
    expect(view.height).toBe(world.height * 11);
    expect(view.tileLayers).toEqual(['tiles']);
    expect(view.objectLayers).toEqual(['entities']);
    expect(view.objects).toBe(world.rooms.reduce((n, r) => n + r.entities.length, 0) + 1);
    expect(view.nonEmptyTiles).toBe(world.width * 16 * world.height * 11);
    expect(view.image).toBe('worldsmith-abc.png');
    await page.close();
  });

  it('imports from the file picker (I) and by drag and drop; a broken file shows its error in the game', async () => {
    const { page, errors } = await openGame(browser, '?seed=abc');
    await page.evaluate(() => {
      const w = window as unknown as { notices: string[] };
      w.notices = [];
      window.worldsmith.on('notice', (n) => w.notices.push(n.text));
    });
    const notices = () => page.evaluate(() => (window as unknown as { notices: string[] }).notices);
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('i');
    const broken = JSON.parse(exported.get('worldsmith-abc.world.json')!.toString('utf8'));
    broken.rooms[0].tiles.pop();
    await (await chooser).setFiles({ name: 'broken.world.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await expect.poll(notices).toContainEqual(expect.stringMatching(/Import failed \(broken\.world\.json\): Invalid world: rooms\[0\]\.tiles: expected 11 rows/));
    expect(await page.evaluate(() => window.worldsmith.seed)).toBe('abc');

    const other = { ...JSON.parse(exported.get('worldsmith-abc.world.json')!.toString('utf8')), seed: 'dropped' };
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.world.json', { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, JSON.stringify(other));
    await expect.poll(() => page.evaluate(() => window.worldsmith.seed)).toBe('dropped');
    expect(await notices()).toContainEqual(expect.stringMatching(/Imported dropped\.world\.json/));

    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['this is not json'], 'notes.txt'));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await expect.poll(notices).toContainEqual(expect.stringMatching(/Import failed \(notes\.txt\): Invalid world: .*not JSON/));
    expect(await page.evaluate(() => window.worldsmith.seed)).toBe('dropped');
    expect(errors).toEqual([]);
    await page.close();
  });
});
