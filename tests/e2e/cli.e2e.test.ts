import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGenerate } from '../../src/cli/generate';
import { resolveParams } from '../../src/core/params';
import { launch, openGame } from './browser';

let browser: Browser;
let out: string;
beforeAll(async () => {
  browser = await launch();
  out = await mkdtemp(join(tmpdir(), 'worldsmith-cli-'));
});
afterAll(async () => {
  await browser?.close();
  await rm(out, { recursive: true, force: true });
});

describe('the CLI and the browser export the same bytes', () => {
  it('npm run generate -- --seed abc writes exactly what the game downloads for ?seed=abc', async () => {
    const written = await runGenerate(
      { seed: 'abc', count: 1, out, format: 'both', params: resolveParams(), modelsDir: 'public/models', quiet: true },
      () => {},
    );
    const { page, errors } = await openGame(browser, '?seed=abc');
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.keyboard.press('x');
    await expect.poll(() => downloads.length, { timeout: 15_000 }).toBe(4);
    for (const d of downloads) {
      const name = d.suggestedFilename();
      expect(written.map((p) => p.split('/').pop())).toContain(name);
      const browserBytes = await readFile((await d.path())!);
      const cliBytes = await readFile(join(out, name));
      expect(cliBytes.equals(browserBytes), `${name} differs between CLI and browser`).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
