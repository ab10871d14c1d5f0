import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from './server';

/** The flags that work on this machine (see TOOLCHAIN.md). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** The preview server's URL (set by tests/e2e/run.ts). */
export function baseUrl(): string {
  const url = process.env.E2E_URL;
  if (!url) throw new Error('E2E_URL is not set: run the e2e tests with `npm run test:e2e`');
  return url;
}

/**
 * Opens the game at `query` (e.g. "?seed=abc") and waits for the first world; collects page
 * errors. In a context of the caller's (init scripts, routes), the page takes the context's options.
 */
export async function openGame(browser: Browser | BrowserContext, query = ''): Promise<{ page: Page; errors: string[] }> {
  const page = 'browser' in browser ? await browser.newPage() : await browser.newPage({ viewport: { width: 800, height: 720 }, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl()}${query}`);
  await page.waitForFunction(() => typeof window.worldsmith === 'object');
  await page.evaluate(() => window.worldsmith.ready);
  return { page, errors };
}
