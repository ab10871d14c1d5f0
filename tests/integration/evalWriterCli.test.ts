import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** `npm run eval:writer` with bad arguments or without models: a clear message and a non-zero exit. */
describe('eval:writer refuses bad arguments', () => {
  const run = (args: string[]) => spawnSync('npx', ['tsx', 'src/train/dialogue/evalWriter.ts', ...args], { encoding: 'utf8' });

  it.each([
    [['--judge', '1'], /--judge must be another split than --split/],
    [['--candidates', '8,0'], /--candidates must be whole numbers from 1 to 32, got "8,0"/],
    [['--lines', 'many'], /--split, --judge, --lines and --quest-factor must be whole numbers ≥ 1/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('%j', (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/usage: npm run eval:writer/);
  }, 30_000);

  it('names the split whose models are missing', () => {
    const r = run(['--work', 'no-such-dir', '--split', '2', '--judge', '3']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/eval:writer: needs the models of splits 2 and 3: split 2: no models in no-such-dir\/split-2 \(run npm run train:dialogue\)/);
  }, 30_000);
});
