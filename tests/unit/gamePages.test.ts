import { describe, expect, it } from 'vitest';
import { paginate } from '../../src/game/rules/pages';

/** One unit of height per line, as a fixed-size font without wrapping would give. */
const byLines = (page: readonly string[]) => page.length;

describe('paginate (credits pages)', () => {
  it('keeps everything on one page when it fits', () => {
    expect(paginate(['— A —', 'a1', '', '— B —', 'b1'], byLines, 10)).toEqual([['— A —', 'a1', '', '— B —', 'b1']]);
  });

  it('breaks at the last blank line so a section stays together, never exceeding the height', () => {
    const lines = ['— A —', 'a1', 'a2', '', '— B —', 'b1', 'b2', 'b3', '', '— C —', 'c1'];
    const pages = paginate(lines, byLines, 6);
    expect(pages).toEqual([['— A —', 'a1', 'a2'], ['— B —', 'b1', 'b2', 'b3'], ['— C —', 'c1']]);
    for (const p of pages) expect(p.length).toBeLessThanOrEqual(6);
    // nothing lost or reordered
    expect(pages.flat()).toEqual(lines.filter((l) => l !== ''));
  });

  it('cuts inside a section longer than a page, and never starts or ends a page with a blank', () => {
    const lines = ['— A —', ...Array.from({ length: 5 }, (_, i) => `a${i}`), '', '', 'b'];
    const pages = paginate(lines, byLines, 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    for (const p of pages) expect([p[0], p[p.length - 1]]).not.toContain('');
  });

  it('gives an empty list one empty page', () => {
    expect(paginate([], byLines, 5)).toEqual([[]]);
  });
});
