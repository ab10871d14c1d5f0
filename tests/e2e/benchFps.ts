import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { World } from '../../src/core/schema';
import { launch } from './browser';
import { buildInto, requireChromium, startPreview } from './server';

/**
 * `npm run bench:fps`: in one headless Chromium, the game's frame rate next to a plain Phaser
 * tilemap scene (bench.html) of the same canvas size and zoom. Each page warms up, then counts
 * requestAnimationFrame callbacks over a window; pages alternate (game, baseline, game,
 * baseline) so drift hits both. Prints JSON. The game is measured in its busiest room
 * (most enemies), with the hero idle. Then `worldBuild`: the time to build and show a world with
 * the shipped models and the longest gap between two frames meanwhile, with worlds built in the
 * world worker (the game) and on the page (the same page without `Worker`, its fallback).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP_MS = 2000;
const ROUNDS = 2;

requireChromium('npm run bench:fps');
const root = resolve(import.meta.dirname, '../..');
const outDir = join(root, '.cache', `bench-dist-${process.pid}`);
buildInto(root, outDir);
const preview = await startPreview(root, outDir);

async function countFrames(page: Page): Promise<number> {
  await page.waitForTimeout(WARMUP_MS);
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  return page.evaluate(`new Promise((done) => {
    let frames = 0;
    const t0 = performance.now();
    const step = (t) => {
      if (t - t0 >= ${SECONDS * 1000}) return done((frames * 1000) / (t - t0));
      frames++;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  })`) as Promise<number>;
}

const BUILD_SEEDS = ['wb1', 'wb2', 'wb3', 'wb4'];

/** Per seed: ms from regenerate to shown, and the longest gap between two frames meanwhile. */
async function buildFrames(page: Page): Promise<{ where: string; ms: number[]; longestFrameGapMs: number[] }> {
  await page.goto(`${preview.url}?seed=bench`);
  await page.waitForFunction(() => typeof window.worldsmith === 'object');
  await page.evaluate(() => window.worldsmith.ready);
  const ms: number[] = [];
  const gaps: number[] = [];
  for (const seed of BUILD_SEEDS) {
    const r = (await page.evaluate(`(async () => {
      let last = performance.now(), maxGap = 0, on = true;
      function tick() { const t = performance.now(); maxGap = Math.max(maxGap, t - last); last = t; if (on) requestAnimationFrame(tick); }
      requestAnimationFrame(tick);
      const t0 = performance.now();
      await window.worldsmith.regenerate('${seed}');
      const ms = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 300));
      on = false;
      return { ms, maxGap };
    })()`)) as { ms: number; maxGap: number };
    ms.push(Math.round(r.ms));
    gaps.push(Math.round(r.maxGap));
  }
  return { where: (await page.evaluate(() => window.worldsmith.builder())).where, ms, longestFrameGapMs: gaps };
}

const browser = await launch();
try {
  const game: number[] = [];
  const gamePhaser: number[] = [];
  const baseline: number[] = [];
  const baselinePhaser: number[] = [];
  let room = '';
  for (let round = 0; round < ROUNDS; round++) {
    const page = await browser.newPage({ viewport: { width: 800, height: 720 } });
    await page.goto(`${preview.url}?seed=bench`);
    await page.waitForFunction(() => typeof window.worldsmith === 'object');
    await page.evaluate(() => window.worldsmith.ready);
    const world = (await page.evaluate(() => window.worldsmith.exportWorld())) as World;
    const enemies = (r: World['rooms'][number]) => r.entities.filter((e) => e.kind === 'enemy').length;
    const busiest = [...world.rooms].sort((a, b) => enemies(b) - enemies(a))[0];
    const door = busiest.tiles.flatMap((row, y) => [...row].map((c, x) => ({ c, x, y }))).find((t) => t.c === 'F' && !busiest.entities.some((e) => e.x === t.x && e.y === t.y))!;
    await page.evaluate(([rx, ry, x, y]) => window.worldsmith.teleport(rx, ry, x, y), [busiest.x, busiest.y, door.x, door.y]);
    room = `${busiest.x},${busiest.y} (${enemies(busiest)} enemies, ${busiest.entities.length} entities)`;
    game.push(await countFrames(page));
    gamePhaser.push(await page.evaluate(() => window.worldsmith.fps()));
    await page.close();

    const bench = await browser.newPage({ viewport: { width: 800, height: 720 } });
    await bench.goto(`${preview.url}bench.html`);
    await bench.waitForFunction(() => typeof window.benchFps === 'function');
    baseline.push(await countFrames(bench));
    baselinePhaser.push(await bench.evaluate(() => window.benchFps!()));
    await bench.close();
  }
  const worker = await browser.newPage({ viewport: { width: 800, height: 720 } });
  const inWorker = await buildFrames(worker);
  await worker.close();
  const noWorkers = await browser.newContext({ viewport: { width: 800, height: 720 } });
  await noWorkers.addInitScript(() => {
    delete (window as { Worker?: unknown }).Worker;
  });
  const onPage = await buildFrames(await noWorkers.newPage());
  await noWorkers.close();
  const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
  const result = {
    browser: `chromium ${browser.version()} (headless, software WebGL)`,
    seconds: SECONDS,
    rounds: ROUNDS,
    game: { fps: mean(game), phaserFps: mean(gamePhaser), runs: game.map((f) => Math.round(f * 10) / 10), seed: 'bench', room },
    baseline: { fps: mean(baseline), phaserFps: mean(baselinePhaser), runs: baseline.map((f) => Math.round(f * 10) / 10), page: 'bench.html (plain tilemap scene)' },
    ratio: Math.round((mean(game) / mean(baseline)) * 100) / 100,
    worldBuild: { seeds: BUILD_SEEDS, worker: inWorker, page: onPage },
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  preview.stop();
  rmSync(outDir, { recursive: true, force: true });
}
