/**
 * npx tsx src/train/sprites/benchBrowser.ts [--model models/sprite-gan/model.json] [--sprites 30]
 * Times "all sprites of one world" in a real browser: headless Chromium (/usr/bin/chromium), the
 * game's wasm backend setup, loadSpriteGan, then sampleSprites + packSpriteSheet for a world-sized
 * request list, 8 times. Prints JSON (median over runs 2–8; run 1 includes warm-up).
 * Serves a throw-away page from .cache/bench/ with the Vite dev server.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: 'models/sprite-gan/model.json' },
    sprites: { type: 'string', default: '30' },
    port: { type: 'string', default: '5199' },
  },
});

const PAGE = `<!doctype html><html><body><pre id="out">running</pre><script type="module">
import { initTfBrowser } from '/src/game/tfBackend.ts';
import { loadSpriteGan } from '/src/models/spriteGan/sampler.ts';
import { createRng } from '/src/core/rng.ts';
import { DEFAULT_PARAMS } from '/src/core/params.ts';
import { packSpriteSheet } from '/src/art/spriteSheet.ts';
import * as tf from '@tensorflow/tfjs';
const q = new URLSearchParams(location.search);
const n = Number(q.get('n'));
try {
  await initTfBrowser();
  const t0 = performance.now();
  const sampler = await loadSpriteGan('/' + q.get('model'));
  const loadMs = performance.now() - t0;
  const classes = ['creature', 'item', 'character'];
  const biomes = ['grassland', 'forest', 'desert', 'cave'];
  const reqs = Array.from({ length: n }, (_, i) => ({ cls: classes[i % 3], key: 'k' + i, biome: biomes[i % 4] }));
  const times = [];
  for (let r = 0; r < 8; r++) {
    const t = performance.now();
    packSpriteSheet(sampler.sampleSprites(reqs, createRng('world' + r), DEFAULT_PARAMS.sprites));
    times.push(performance.now() - t);
  }
  const rest = times.slice(1).sort((a, b) => a - b);
  document.getElementById('out').textContent = JSON.stringify({ backend: tf.getBackend(), sprites: n, loadMs, firstWorldMs: times[0], medianWorldMs: rest[rest.length >> 1], maxWorldMs: rest[rest.length - 1] });
} catch (e) {
  document.getElementById('out').textContent = JSON.stringify({ error: String(e && e.message || e) });
}
</script></body></html>`;

async function main(): Promise<void> {
  const dir = join('.cache', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'sprites.html'), PAGE);
  // Measure only our own server: a dev server already on the port would answer instead.
  const inUse = await fetch(`http://127.0.0.1:${args.port}/`).then(
    () => true,
    () => false,
  );
  if (inUse) throw new Error(`port ${args.port} is in use (another dev server?): pass --port N`);
  // Own process group, so stopping it also stops the node process npx starts.
  const vite = spawn('npx', ['vite', '--port', args.port, '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  try {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const url = `http://127.0.0.1:${args.port}/.cache/bench/sprites.html?model=${encodeURIComponent(args.model)}&n=${Number(args.sprites)}`;
      for (let tries = 0; ; tries++) {
        // A dev server already on the port makes this one exit: measure only our own server.
        if (vite.exitCode !== null) throw new Error(`vite exited with code ${vite.exitCode}: is port ${args.port} in use? (--port N)`);
        try {
          await page.goto(url);
          break;
        } catch (e) {
          if (tries > 30) throw e;
          await new Promise((r) => setTimeout(r, 500)); // the dev server is still starting
        }
      }
      await page.waitForFunction(() => document.getElementById('out')?.textContent !== 'running', null, { timeout: 180_000 });
      console.log(await page.textContent('#out'));
    } finally {
      await browser.close();
    }
  } finally {
    if (vite.pid && vite.exitCode === null) process.kill(-vite.pid);
  }
}

main().catch((e: unknown) => {
  console.error(`bench sprites (browser): ${(e as Error).message}`);
  process.exit(1);
});
