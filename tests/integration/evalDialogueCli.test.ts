import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * `npm run eval:dialogue`: bad arguments get a clear message; the splits evaluated side by side in
 * child processes (`--jobs`) give the same figures as one after another, only the latencies (measured
 * afterwards, alone) differ. Without trained splits the shipped model stands in for split 1, so the
 * runs evaluate split 1 twice on a handful of lines.
 */
const run = (args: string[]) => spawnSync('npx', ['tsx', 'src/train/dialogue/evaluate.ts', ...args], { encoding: 'utf8' });

describe('eval:dialogue', () => {
  it.each([
    [['--jobs', '0'], /--jobs must be a whole number ≥ 1, got "0"/],
    [['--splits', 'one'], /counts and splits must be integers/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j', (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/usage: npm run eval:dialogue/);
  }, 30_000);

  it('gives the same figures with --jobs 2 as with --jobs 1, latencies aside', () => {
    // A switch before an option with a value: the children must get `--work` and its value.
    const small = ['--json', '--work', 'no-such-dir', '--splits', '1,1', '--lines', '8', '--slot-lines', '16', '--timing-lines', '1'];
    const [one, two] = ['1', '2'].map((jobs) => {
      const r = run([...small, '--jobs', jobs]);
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Record<string, unknown>;
    });
    const withoutLatency = (o: unknown): unknown => {
      if (Array.isArray(o)) return o.map(withoutLatency);
      if (o && typeof o === 'object') return Object.fromEntries(Object.entries(o).filter(([k]) => !k.startsWith('msPerLine') && k !== 'targets').map(([k, v]) => [k, withoutLatency(v)]));
      return o;
    };
    expect(withoutLatency(two)).toEqual(withoutLatency(one));
    const mixture = two.mixture as { perSplit: { msPerLine: number; shownRoleAccuracy: number }[]; bitsPerChar: number };
    expect(mixture.perSplit).toHaveLength(2);
    for (const s of mixture.perSplit) expect(s.msPerLine).toBeGreaterThan(0);
    expect(mixture.bitsPerChar).toBeGreaterThan(1);
    // Two whole evaluations (every model's lines, the shown lines of the writer, the test split's
    // scores): ~160 s alone on a 2-core machine, more beside the other test files.
  }, 360_000);
});
