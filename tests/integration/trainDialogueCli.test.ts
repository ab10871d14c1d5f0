import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `npm run train:dialogue` with bad arguments: a usage error (exit 2) that names the problem, nothing written. */
describe('train:dialogue refuses bad arguments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'train-dialogue-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [['--jobs', '0'], /--jobs must be a whole number ≥ 1, got "0"/],
    [['--threads', '1.5'], /--threads must be a whole number ≥ 1, got "1.5"/],
    [['--set', 'threads=2'], /--set threads: give --threads N instead/],
    [['--splits', '1,x'], /--splits must be integers/],
    [['--chain-only', '--calibrate-only'], /--chain-only and --calibrate-only exclude each other/],
    [['--corpus', 'missing-corpus.txt'], /missing-corpus\.txt does not exist/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('%j', (args, message) => {
    const work = join(dir, 'work');
    const out = join(dir, 'out');
    const r = spawnSync('npx', ['tsx', 'src/train/dialogue/train.ts', '--work', work, '--out', out, ...args], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/usage: npm run train:dialogue/);
    expect(existsSync(work) || existsSync(out)).toBe(false);
  }, 30_000);
});
