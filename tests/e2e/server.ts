import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Shared by the e2e runner and the fps benchmark: chromium check, build, preview server. */
export const CHROMIUM = '/usr/bin/chromium';

export function requireChromium(script: string): void {
  if (!existsSync(CHROMIUM)) {
    console.error(`${script} needs Debian's chromium: sudo apt-get install -y chromium`);
    process.exit(1);
  }
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Builds with Vite when dist/ is missing or older than any source the pages are built from. */
export function buildIfStale(root: string): void {
  const built = existsSync(join(root, 'dist/index.html')) ? statSync(join(root, 'dist/index.html')).mtimeMs : 0;
  const sources = ['src', 'public', 'index.html', 'bench.html', 'tiled.html', 'vite.config.ts', 'package.json'];
  const newest = Math.max(...sources.map((s) => newestMtime(join(root, s))));
  if (built > newest) return;
  console.log('[e2e] building (dist/ is missing or stale)…');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('[e2e] vite build failed');
    process.exit(r.status ?? 1);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface Preview {
  url: string;
  stop(): void;
}

/** Starts `vite preview` on a free port and waits until it answers. */
export async function startPreview(root: string): Promise<Preview> {
  const port = await freePort();
  const child: ChildProcess = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--strictPort', '--port', String(port)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}/`;
  const stop = () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    }
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited early:\n${log}`);
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`vite preview did not answer on ${url}:\n${log}`);
}
