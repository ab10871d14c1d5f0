import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildInto, requireChromium, startPreview } from './server';

/**
 * `npm run test:e2e`: needs /usr/bin/chromium; builds the pages (~5 s) into a directory of its
 * own under .cache/, serves it with `vite preview` on a free port, runs the browser tests
 * (vitest, tests/e2e/*.e2e.test.ts) against it, stops the server, removes the build and exits
 * with the tests' status. Extra args go to vitest (e.g. a test file).
 */
requireChromium('npm run test:e2e');
const root = resolve(import.meta.dirname, '../..');
const outDir = join(root, '.cache', `e2e-dist-${process.pid}`);
buildInto(root, outDir);
const preview = await startPreview(root, outDir);
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
  rmSync(outDir, { recursive: true, force: true });
}
process.exit(status);
