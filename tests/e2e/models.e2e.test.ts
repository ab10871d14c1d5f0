import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../src/game/boot/generators';
import { baseUrl, launch, openGame } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('models at boot', () => {
  it('falls back to classic rooms, placeholder lines and procedural sprites when the weights are corrupt', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Corrupt files where the weights would be (whether or not real ones are shipped).
    await page.route('**/models/level-vae/model.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"format":"layers-model","modelTopology":{"garbage":1},"weightsManifest":[]}' }));
    await page.route('**/models/dialogue/model.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"weightsManifest":[{"paths":["nowhere.bin"],"weights":[]}]}' }));
    await page.route('**/models/sprite-gan/model.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"modelTopology":' }));
    await page.goto(`${baseUrl()}?seed=abc`);
    await page.waitForFunction(() => typeof window.worldsmith === 'object');
    await page.evaluate(() => window.worldsmith.ready);
    const statuses = (await page.evaluate(() => window.worldsmith.models())) as ModelStatus[];
    const byModel = Object.fromEntries(statuses.map((s) => [s.model, s]));
    expect(byModel['level-vae'].state).toBe('broken');
    expect(byModel['level-vae'].message).toMatch(/weights unreadable .* using classic rooms/);
    expect(byModel.dialogue.state).toBe('broken');
    expect(byModel.dialogue.message).toMatch(/using placeholder lines/);
    expect(byModel['sprite-gan'].state).toBe('broken');
    expect(byModel['sprite-gan'].message).toMatch(/using procedural sprites/);
    const world = (await page.evaluate(() => window.worldsmith.exportWorld())) as { generators: { rooms: string; lines: string } };
    expect(world.generators).toEqual({ rooms: 'classic', lines: 'placeholder' });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('where worlds are built', () => {
  const exported = (page: Page) => page.evaluate(() => JSON.stringify(window.worldsmith.exportWorld()));

  it('in the world worker: the page keeps drawing frames while a world is made', async () => {
    const { page, errors } = await openGame(browser, '?seed=abc');
    expect(await page.evaluate(() => window.worldsmith.builder())).toEqual({ where: 'worker' });
    // A string, so the bundler's helpers stay out of the page.
    const r = (await page.evaluate(`(async () => {
      let last = performance.now(), maxGap = 0, frames = 0, on = true;
      function tick() { const t = performance.now(); maxGap = Math.max(maxGap, t - last); last = t; frames++; if (on) requestAnimationFrame(tick); }
      requestAnimationFrame(tick);
      const t0 = performance.now();
      await window.worldsmith.regenerate('frames');
      const ms = performance.now() - t0;
      on = false;
      return { ms, maxGap, frames };
    })()`)) as { ms: number; maxGap: number; frames: number };
    // Built on the page, one frame would have waited for the whole world.
    expect(r.frames).toBeGreaterThanOrEqual(10);
    expect(r.maxGap).toBeLessThan(r.ms / 2);
    expect(await page.evaluate(() => window.worldsmith.seed)).toBe('frames');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on the page when workers are unavailable: the same world, byte for byte', async () => {
    const withWorker = await openGame(browser, '?seed=abc');
    const context = await browser.newContext();
    await context.addInitScript(() => {
      delete (window as { Worker?: unknown }).Worker;
    });
    const { page, errors } = await openGame(context, '?seed=abc');
    const builder = await page.evaluate(() => window.worldsmith.builder());
    expect(builder.where).toBe('page');
    expect(builder.reason).toMatch(/Worker/);
    expect((await page.evaluate(() => window.worldsmith.models())).map((s) => s.state)).toEqual(['loaded', 'loaded', 'loaded']);
    expect(await exported(page)).toBe(await exported(withWorker.page));
    expect([...errors, ...withWorker.errors]).toEqual([]);
    await context.close();
    await withWorker.page.close();
  });
});
