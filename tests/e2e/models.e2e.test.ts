import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../src/game/boot/generators';
import { baseUrl, launch } from './browser';

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
