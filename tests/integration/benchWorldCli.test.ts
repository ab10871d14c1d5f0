import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** `npm run bench:world` with bad arguments: a clear message and a non-zero exit, before any timing. */
describe('bench:world refuses bad arguments', () => {
  const run = (args: string[]) => spawnSync('npx', ['tsx', 'src/train/bench/world.ts', ...args], { encoding: 'utf8' });

  it.each([
    [['--lines', 'placeholder'], /bench:world: --lines: expected one of markov, transformer, mixture, got "placeholder"/],
    [['--candidates', '0'], /bench:world: --candidates: expected a whole number from 1 to 32, got "0"/],
    [['--seeds', 'x'], /bench:world: --seeds: expected a positive whole number, got "x"/],
    [['--bogus'], /bench:world: Unknown option '--bogus'/],
  ])('%j', (args, message) => {
    const r = run(args);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  }, 30_000);
});
