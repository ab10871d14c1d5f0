import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { buildIfStale, requireChromium, startPreview } from './server';

/**
 * `npm run test:e2e`: needs /usr/bin/chromium; builds if dist/ is missing or stale, serves it
 * with `vite preview` on a free port, runs the browser tests (vitest, tests/e2e/*.e2e.test.ts)
 * against it, stops the server and exits with the tests' status. Extra args go to vitest.
 */
requireChromium('npm run test:e2e');
const root = resolve(import.meta.dirname, '../..');
buildIfStale(root);
const preview = await startPreview(root);
let status = 1;
try {
  console.log(`[e2e] testing ${preview.url}`);
  const r = spawnSync('npx', ['vitest', 'run', '--config', 'tests/e2e/vitest.config.ts', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, E2E_URL: preview.url },
  });
  status = r.status ?? 1;
} finally {
  preview.stop();
}
process.exit(status);
