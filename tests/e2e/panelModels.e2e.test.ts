import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grid } from '../../src/core/grid';
import { launch, openGame } from './browser';

/**
 * The panel's model sections in a real browser. The level-VAE tests run whenever
 * public/models/level-vae/model.json ships and then must pass (a panel that cannot drive a
 * shipped model fails them); without the weights they are skipped, and the section must say
 * that it waits for the model.
 */

const root = resolve(import.meta.dirname, '../..');
const shipped = (name: string) => existsSync(resolve(root, `public/models/${name}/model.json`));
const HAS_VAE = shipped('level-vae');
const HAS_DIALOGUE = shipped('dialogue');
const HAS_GAN = shipped('sprite-gan');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const ctl = (page: Page, key: string) => page.locator(`.ws-panel [data-key="${key}"]`);
const message = (page: Page) => page.evaluate(() => window.worldsmithPanel!.message());
const tiles = (page: Page) => page.evaluate(() => window.worldsmith.currentRoom().tiles);
const latentInput = (page: Page, dim: number) => ctl(page, `latent.${dim}`).locator('input');

/** Opens the game with the panel open (`debug=1`) and waits for it. */
async function openWithPanel(query: string) {
  const game = await openGame(browser, `${query}&debug=1`);
  await game.page.evaluate(() => window.worldsmithPanel!.ready);
  await expect.poll(() => game.page.locator('.ws-panel').isVisible()).toBe(true);
  return game;
}

/** Sets a latent slider through its text field (each keystroke is an input event, as typing). */
async function setLatent(page: Page, dim: number, value: number | string): Promise<void> {
  const input = latentInput(page, dim);
  await input.fill(typeof value === 'number' ? value.toFixed(2) : value);
  await input.press('Enter');
}

const differ = (a: string[], b: string[]) => a.reduce((n, row, y) => n + [...row].filter((c, x) => c !== b[y][x]).length, 0);

describe.skipIf(!HAS_VAE)('panel: level VAE (public/models/level-vae shipped)', () => {
  it('latent sliders change the room on screen, restore it, and time each re-decode', async () => {
    const { page, errors } = await openWithPanel('?seed=abc');
    expect((await page.evaluate(() => window.worldsmith.models())).find((m) => m.model === 'level-vae')?.state).toBe('loaded');
    await expect.poll(() => latentInput(page, 0).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => ctl(page, 'latent-info').textContent()).toMatch(/sliders start at the latent this room was generated from/);
    const home = await tiles(page);
    const homeValues = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((d) => latentInput(page, d).inputValue()));

    // Find a slider move that changes the room.
    let moved: { dim: number; value: number } | null = null;
    for (const value of [4, -4]) {
      for (let dim = 0; dim < 8 && !moved; dim++) {
        await setLatent(page, dim, value);
        if (differ(await tiles(page), home) > 0) moved = { dim, value };
        else await setLatent(page, dim, homeValues[dim]);
      }
    }
    expect(moved, 'some latent slider at ±4 changes the room').not.toBeNull();
    const world = await page.evaluate(() => window.worldsmith.world());
    const p = await page.evaluate(() => window.worldsmith.player());
    expect(world.rooms.find((r) => r.x === p.roomX && r.y === p.roomY)!.source).toBe('custom');
    await setLatent(page, moved!.dim, homeValues[moved!.dim]);
    expect(await tiles(page)).toEqual(home);

    // A move that puts a wall where the hero stands: the hero is moved to a walkable tile.
    const free = (rows: string[], k: number) => Grid.fromRows(rows).walkable(k % 16, Math.floor(k / 16));
    const occupied = new Set(world.rooms.find((r) => r.x === p.roomX && r.y === p.roomY)!.entities.map((e) => e.y * 16 + e.x));
    let trap: { dim: number; value: number; cell: number } | null = null;
    for (let dim = 0; dim < 8 && !trap; dim++) {
      for (const value of [4, -4, 2.5, -2.5]) {
        await setLatent(page, dim, value);
        const next = await tiles(page);
        await setLatent(page, dim, homeValues[dim]);
        const cell = [...Array(176).keys()].find((k) => free(home, k) && !free(next, k) && !occupied.has(k));
        if (cell !== undefined) {
          trap = { dim, value, cell };
          break;
        }
      }
    }
    expect(trap, 'some slider move turns a free tile of the room into a wall').not.toBeNull();
    await page.evaluate(([rx, ry, x, y]) => window.worldsmith.teleport(rx, ry, x, y), [p.roomX, p.roomY, trap!.cell % 16, Math.floor(trap!.cell / 16)]);
    await setLatent(page, trap!.dim, trap!.value);
    const out = await page.evaluate(() => window.worldsmith.player());
    expect([out.x, out.y]).not.toEqual([trap!.cell % 16, Math.floor(trap!.cell / 16)]);
    expect(free(await tiles(page), out.y * 16 + out.x)).toBe(true);
    expect(await message(page)).toMatch(/the hero stood in a wall; moved to/);
    await setLatent(page, trap!.dim, homeValues[trap!.dim]);
    expect(await tiles(page)).toEqual(home);

    // ≥ 20 slider moves, timed by the panel (decode + repair + room update). The hero stands in
    // the middle of the room: whenever a new room puts a wall there, it must be moved out of it.
    const grid = Grid.fromRows(home);
    const centre = [...grid.cells.keys()].filter((k) => grid.walkable(k % 16, Math.floor(k / 16))).sort((a, b) => Math.hypot((a % 16) - 7.5, Math.floor(a / 16) - 5) - Math.hypot((b % 16) - 7.5, Math.floor(b / 16) - 5))[0];
    const before = (await page.evaluate(() => window.worldsmithPanel!.latency())).length;
    let moves = 0;
    for (let k = 0; k < 24; k++) {
      // (The start room has no enemies: nothing else moves the hero.)
      if (k % 6 === 0) await page.evaluate(([rx, ry, x, y]) => window.worldsmith.teleport(rx, ry, x, y), [p.roomX, p.roomY, centre % 16, Math.floor(centre / 16)]);
      const at = await page.evaluate(() => window.worldsmith.player());
      await setLatent(page, (moved!.dim + Math.floor(k / 6)) % 8, (k % 2 ? -1 : 1) * (4 - k * 0.1));
      const q = await page.evaluate(() => window.worldsmith.player());
      expect(Grid.fromRows(await tiles(page)).walkable(q.x, q.y), `hero tile after move ${k}`).toBe(true);
      if (q.x !== at.x || q.y !== at.y) moves++;
    }
    const times = (await page.evaluate(() => window.worldsmithPanel!.latency())).slice(before);
    expect(times.length).toBeGreaterThanOrEqual(20);
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(`[panel e2e] slider → room latency: median ${median.toFixed(1)} ms over ${times.length} moves (min ${sorted[0].toFixed(1)}, max ${sorted[sorted.length - 1].toFixed(1)}); the hero was moved out of a new wall ${moves} times`);
    expect(await ctl(page, 'latent-info').textContent()).toMatch(/median \d+\.\d ms/);

    await ctl(page, 'home').locator('button').click();
    expect(await tiles(page)).toEqual(home);
    await ctl(page, 'encode').locator('button').click();
    await expect.poll(() => ctl(page, 'latent-info').textContent()).toMatch(/encoder's latent of this room/);
    await ctl(page, 'randomise').locator('button').click();
    await expect.poll(async () => differ(await tiles(page), home)).toBeGreaterThan(0);
    await ctl(page, 'home').locator('button').click();
    expect(await tiles(page)).toEqual(home);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('critic draws: a world made with one draw per room, then with the critic, and each room reads its own generating latent', async () => {
    const { page, errors } = await openWithPanel('?seed=critic&rooms.candidates=1');
    await expect.poll(() => latentInput(page, 0).isVisible(), { timeout: 20_000 }).toBe(true);
    const rooms = () => page.evaluate(() => window.worldsmith.world().rooms.map((r) => `${r.repaired}:${r.tiles.join('')}`));
    expect(await page.evaluate(() => window.worldsmith.world().params.rooms.candidates)).toBe(1);
    await expect.poll(() => ctl(page, 'latent-info').textContent()).toMatch(/sliders start at the latent this room was generated from/);
    const single = await rooms();
    const input = ctl(page, 'rooms.candidates').locator('input');
    await input.fill('4');
    await input.press('Enter');
    await expect.poll(() => page.evaluate(() => window.worldsmith.world().params.rooms.candidates)).toBe(4);
    await expect.poll(() => ctl(page, 'latent-info').textContent()).toMatch(/sliders start at the latent this room was generated from \(critic: (draw [1-4] of up to 4|none of 4 draws passed)/);
    const critic = await rooms();
    const repaired = (list: string[]) => list.reduce((n, r) => n + Number(r.split(':')[0]), 0);
    console.log(`[panel e2e] critic draws 1 → 4: ${single.filter((r, i) => r !== critic[i]).length} of ${single.length} rooms redrawn; repaired tiles ${repaired(single)} → ${repaired(critic)}`);
    expect(repaired(critic)).toBeLessThanOrEqual(repaired(single));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('interpolates towards a neighbour and back; repaired tiles are outlined; edits are exported', async () => {
    const { page, errors } = await openWithPanel('?seed=abc');
    await expect.poll(() => latentInput(page, 0).isVisible(), { timeout: 20_000 }).toBe(true);
    const home = await tiles(page);
    const interp = ctl(page, 'interp').locator('input');
    await interp.fill('1');
    await interp.press('Enter');
    const far = await tiles(page);
    await interp.fill('0');
    await interp.press('Enter');
    expect(await tiles(page)).toEqual(home);
    console.log(`[panel e2e] interpolation to the neighbour changed ${differ(far, home)} tiles`);
    await interp.fill('1');
    await interp.press('Enter');
    const info = await ctl(page, 'latent-info').textContent();
    const outlined = Number(/Outlined: (\d+) repaired tile/.exec(info ?? '')?.[1]);
    expect(outlined).toBeGreaterThanOrEqual(0);
    expect(await page.locator('.ws-overlay').isVisible()).toBe(outlined > 0);
    const exported = await page.evaluate(() => window.worldsmith.exportWorld()) as { rooms: Array<{ x: number; y: number; tiles: string[] }> };
    const p = await page.evaluate(() => window.worldsmith.player());
    expect(exported.rooms.find((r) => r.x === p.roomX && r.y === p.roomY)!.tiles).toEqual(await tiles(page));
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('panel: sections that wait for a model, dialogue, sprites, models', () => {
  it('the level VAE section names what it waits for when the weights are not shipped', async () => {
    const { page } = await openWithPanel('?seed=abc');
    const wait = page.locator('.ws-panel .ws-wait').first();
    if (HAS_VAE) {
      await expect.poll(() => latentInput(page, 0).isVisible(), { timeout: 20_000 }).toBe(true);
    } else {
      await expect.poll(() => wait.textContent()).toMatch(/Level VAE not loaded — Level VAE: weights missing/);
      expect(await latentInput(page, 0).isVisible()).toBe(false);
    }
    await page.close();
  });

  it('dialogue: candidates, variety, the splice penalty and the reader judge rewrite the lines; new lines for the NPC in front of the hero and a preview per role (or a waiting note)', async () => {
    const { page, errors } = await openWithPanel('?seed=abc');
    const button = ctl(page, 'npc-lines').locator('button');
    if (!HAS_DIALOGUE) {
      await expect.poll(() => page.locator('.ws-panel .ws-wait', { hasText: 'Dialogue model not loaded' }).count()).toBe(1);
      expect(await button.isVisible()).toBe(false);
      await page.close();
      return;
    }
    await expect.poll(() => button.isVisible(), { timeout: 20_000 }).toBe(true);
    const allLines = () => page.evaluate(() => window.worldsmith.world().npcs.flatMap((n) => n.lines.map((l) => l.text)).join('|'));
    /** Types `value` into the dialogue control `key`; the world's lines are written again with it. */
    const setDialogue = async (key: 'candidates' | 'pick' | 'splicePenalty' | 'judgePenalty', value: number) => {
      const before = await allLines();
      const input = ctl(page, `dialogue.${key}`).locator('input');
      await input.fill(String(value));
      await input.press('Enter');
      await expect.poll(() => page.evaluate((k) => window.worldsmith.world().params.dialogue[k], key)).toBe(value);
      expect(await allLines()).not.toBe(before);
    };
    expect(await page.evaluate(() => window.worldsmith.world().params.dialogue)).toMatchObject({ candidates: 32, pick: 0, splicePenalty: 5, judgePenalty: 2 });
    await setDialogue('judgePenalty', 0); // without the reader judge
    await setDialogue('splicePenalty', 0); // the models' ranking alone, splices and all
    await setDialogue('candidates', 2); // best of 2 instead of 32
    await setDialogue('pick', 0.5); // a draw among them instead of the most likely
    const world = await page.evaluate(() => window.worldsmith.world());
    const giver = world.npcs.find((n) => n.id === world.quest.giver)!;
    const before = giver.lines.map((l) => l.text);
    await button.click();
    await expect.poll(async () => (await page.evaluate((id) => window.worldsmith.world().npcs.find((n) => n.id === id)!.lines.map((l) => l.text), giver.id)).join('|')).not.toBe(before.join('|'));
    expect(await page.locator('.ws-lines li').count()).toBe(giver.lines.length + 1);
    await ctl(page, 'preview-lines').locator('button').click();
    await expect.poll(() => page.locator('.ws-lines li').count()).toBe(8);
    console.log(`[panel e2e] preview: ${(await page.locator('.ws-lines li').allTextContents()).slice(0, 3).join(' / ')}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sprites: a preview grid from the sampler the game uses; params redraw the world, the hero stays', async () => {
    const { page, errors } = await openWithPanel('?seed=abc');
    const caption = page.locator('.ws-panel .ws-sprites + .ws-info');
    await expect.poll(() => caption.getAttribute('data-sampler'), { timeout: 20_000 }).toBe(HAS_GAN ? 'gan' : 'procedural');
    const inked = () => page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('.ws-sprites')!;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    });
    expect(await inked()).toBeGreaterThan(100);
    const world = await page.evaluate(() => window.worldsmith.world());
    const other = world.rooms.find((r) => r.x !== world.start.roomX || r.y !== world.start.roomY)!;
    const free = Grid.fromRows(other.tiles).cells.findIndex((_c, k) => Grid.fromRows(other.tiles).walkable(k % 16, Math.floor(k / 16)) && k % 16 > 1 && k % 16 < 14 && Math.floor(k / 16) > 1 && Math.floor(k / 16) < 9);
    await page.evaluate(([rx, ry, x, y]) => window.worldsmith.teleport(rx, ry, x, y), [other.x, other.y, free % 16, Math.floor(free / 16)]);
    const input = ctl(page, 'sprites.paletteSize').locator('input');
    await input.fill('4');
    await input.press('Enter');
    await expect.poll(() => page.evaluate(() => window.worldsmith.params().sprites.paletteSize)).toBe(4);
    await expect.poll(() => page.evaluate(() => window.worldsmith.player()).then((p) => [p.roomX, p.roomY])).toEqual([other.x, other.y]);
    await ctl(page, 'sprites-regenerate').locator('button').click();
    await expect.poll(() => caption.textContent()).toMatch(/preview 1/);
    // Creatures (the preview's first row) keep their drawn profiles unless "mirror creatures" is on.
    const symmetricCreatures = () => page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('.ws-sprites')!;
      const side = c.height / 3;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, side).data;
      const cells = c.width / side;
      let symmetric = 0;
      for (let k = 0; k < cells; k++) {
        let same = true;
        for (let y = 0; y < side && same; y++) for (let x = 0; x < side / 2; x++) if (d[(y * c.width + k * side + x) * 4 + 3] !== d[(y * c.width + k * side + side - 1 - x) * 4 + 3]) same = false;
        if (same) symmetric++;
      }
      return symmetric / cells;
    });
    if (HAS_GAN) expect(await symmetricCreatures()).toBeLessThan(1);
    await ctl(page, 'sprites.mirrorCreatures').locator('input').click();
    await expect.poll(() => page.evaluate(() => window.worldsmith.params().sprites.mirrorCreatures)).toBe(true);
    await expect.poll(symmetricCreatures, { timeout: 10_000 }).toBe(1);
    expect(errors).toEqual([]);
    expect(await message(page)).not.toMatch(/error/i);
    await page.close();
  });

  it('models: meta.json and the loss curve of every shipped model', async () => {
    const { page } = await openWithPanel('?seed=abc');
    const dirs = existsSync(resolve(root, 'public/models')) ? readdirSync(resolve(root, 'public/models')) : [];
    await page.locator('.ws-panel .lil-title', { hasText: 'Models' }).click();
    for (const model of ['level-vae', 'dialogue', 'sprite-gan']) {
      const card = page.locator(`.ws-model[data-model="${model}"]`);
      await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
      const hasMeta = dirs.includes(model) && existsSync(resolve(root, `public/models/${model}/meta.json`));
      if (hasMeta) {
        await expect.poll(() => card.locator('th', { hasText: 'data licence' }).count()).toBe(1);
        if (existsSync(resolve(root, `public/models/${model}/loss.svg`))) {
          await expect.poll(() => card.locator('img.ws-loss').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
        }
      } else {
        expect(await card.textContent()).toMatch(/no .*meta\.json shipped yet/);
      }
      console.log(`[panel e2e] models section, ${model}: ${(await card.locator('h4').textContent())}`);
    }
    await page.close();
  });
});
