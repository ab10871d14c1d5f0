import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** Shared by the e2e runner and the fps benchmark: chromium check, build, preview server. */
export const CHROMIUM = '/usr/bin/chromium';

export function requireChromium(script: string): void {
  if (!existsSync(CHROMIUM)) {
    console.error(`${script} needs Debian's chromium: sudo apt-get install -y chromium`);
    process.exit(1);
  }
}

/**
 * Builds the pages with Vite into `outDir` (a directory of this run's own, so a concurrent
 * `vite build` of dist/ in the same checkout cannot pull the files from under the server).
 */
export function buildInto(root: string, outDir: string): void {
  console.log(`[e2e] building into ${outDir}…`);
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { cwd: root, stdio: 'inherit' });
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

/** Starts `vite preview` of `outDir` (default dist/) on a free port and waits until it answers. */
export async function startPreview(root: string, outDir = 'dist'): Promise<Preview> {
  const port = await freePort();
  const child: ChildProcess = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--strictPort', '--port', String(port), '--outDir', outDir], {
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
