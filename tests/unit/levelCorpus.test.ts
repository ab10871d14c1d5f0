import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grid } from '../../src/core/grid';
import { doorMaskOf, emptyRoom, stampDoors, bitsToMask } from '../../src/core/room';
import { buildCorpus } from '../../src/train/levels/buildCorpus';
import { assignSplits, readCustomCorpus } from '../../src/train/levels/corpus';
import { parseLegend, translateMap } from '../../src/train/levels/legend';
import { readProjectCorpus } from '../../src/train/levels/manifest';
import { duplicateRate, meanNearestHamming, meanPairwiseHamming, patternCounts2x2, patternKl, toCodes } from '../../src/train/levels/metrics';
import { formatRooms, roomKey, splitMaps } from '../../src/train/levels/roomText';

const FIXTURE = 'tests/fixtures/levels';
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'level-corpus-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('room text', () => {
  it('splits maps on blank lines, skips ; comments, and round-trips formatRooms', () => {
    const a = emptyRoom();
    const b = emptyRoom();
    stampDoors(b, bitsToMask(5));
    const text = `; two rooms\n${formatRooms([a, b])}`;
    const maps = splitMaps(text.replace(/\n/g, '\r\n'));
    expect(maps).toHaveLength(2);
    expect(maps[0].line).toBe(2);
    expect(maps[1].line).toBe(14);
    expect(maps.map((m) => Grid.fromRows(m.rows).toRows())).toEqual([a.toRows(), b.toRows()]);
  });
});

describe('custom corpus legend', () => {
  const legend = parseLegend({ tiles: { '#': 'W', '.': 'F', d: 'D' }, entities: { m: 'enemy' } }, 'legend.json');

  it('rejects a legend that maps to a tile we do not have, naming the field', () => {
    expect(() => parseLegend({ tiles: { '#': 'X' } }, 'my-legend.json')).toThrow(/my-legend\.json: bad legend at tiles\.#/);
    expect(() => parseLegend({ tiles: { ab: 'W' } }, 'l.json')).toThrow(/single chars/);
  });

  it('names file, row and column of an unmapped char (1-based)', () => {
    const rows = Array.from({ length: 11 }, () => '#'.repeat(16));
    rows[5] = '#....Q.........#';
    expect(() => translateMap({ rows, line: 3 }, legend, 'r.txt', false)).toThrow(/r\.txt: unmapped char "Q" at row 8, column 6/);
  });

  it('rejects other sizes unless windows are asked for, and cuts windows then', () => {
    const wide = Array.from({ length: 11 }, () => '#'.repeat(32));
    expect(() => translateMap({ rows: wide, line: 1 }, legend, 'w.txt', false)).toThrow(/32×11 tiles, expected 16×11.*--windows/);
    // Two windows, both all wall: skipped as empty space.
    expect(translateMap({ rows: wide, line: 1 }, legend, 'w.txt', true)).toHaveLength(0);
    wide[4] = `#${'.'.repeat(30)}#`;
    expect(translateMap({ rows: wide, line: 1 }, legend, 'w.txt', true)).toHaveLength(2);
    expect(() => translateMap({ rows: wide.slice(0, 5), line: 1 }, legend, 'w.txt', true)).toThrow(/smaller than one 16×11 room/);
  });

  it('reads the fixture folder: entities on floor, doors normalised to our geometry, one set per file', async () => {
    const corpus = await readCustomCorpus(join(FIXTURE, 'rooms'), join(FIXTURE, 'legend.json'));
    expect(corpus.rooms).toHaveLength(5);
    expect(corpus.styles).toEqual(['custom']);
    expect(new Set(corpus.rooms.map((r) => r.set))).toEqual(new Set(['a.txt', 'b.txt', 'c.txt', 'd.txt']));
    const a = corpus.rooms.find((r) => r.set === 'a.txt')!;
    expect(a.entities).toEqual([{ x: 6, y: 4, kind: 'enemy' }, { x: 8, y: 8, kind: 'item' }]);
    expect(a.grid.get(6, 4)).toBe('F');
    expect(doorMaskOf(a.grid)).toEqual({ N: true, E: true, S: false, W: true });
    // The fixture marks only the inner door row; both rows become doors.
    expect(a.grid.get(7, 0)).toBe('D');
    expect(a.grid.get(0, 5)).toBe('D');
    for (const r of corpus.rooms) expect(corpus.rooms.filter((o) => o.set === r.set).every((o) => o.split === r.split)).toBe(true);
    await expect(readCustomCorpus(join(FIXTURE, 'bad'), join(FIXTURE, 'legend.json'))).rejects.toThrow(/unmapped\.txt: unmapped char "Q" at row 6, column 8/);
    await expect(readCustomCorpus(join(FIXTURE, 'wide'), join(FIXTURE, 'legend.json'))).rejects.toThrow(/two\.txt.*--windows/);
    const windows = await readCustomCorpus(join(FIXTURE, 'wide'), join(FIXTURE, 'legend.json'), { windows: true });
    expect(windows.rooms).toHaveLength(2);
    await expect(readCustomCorpus(join(FIXTURE, 'nope'), join(FIXTURE, 'legend.json'))).rejects.toThrow(/nope: not a folder/);
    await expect(readCustomCorpus(join(FIXTURE, 'rooms'), join(FIXTURE, 'missing.json'))).rejects.toThrow(/missing\.json: cannot read file/);
  });
});

describe('splits', () => {
  it('assigns whole sets, deterministically, with every style in every split', () => {
    const sets = new Map([
      ['caves', Array.from({ length: 20 }, (_, i) => `caves-${i}`)],
      ['water', Array.from({ length: 10 }, (_, i) => `water-${i}`)],
    ]);
    const a = assignSplits(sets, 's');
    expect([...assignSplits(sets, 's')]).toEqual([...a]);
    for (const [style, ids] of sets) {
      const splits = ids.map((id) => a.get(id));
      expect(splits.filter((s) => s === 'test').length).toBeGreaterThanOrEqual(1);
      expect(splits.filter((s) => s === 'val').length).toBeGreaterThanOrEqual(1);
      expect(splits.filter((s) => s === 'train').length, style).toBeGreaterThan(splits.length / 2);
    }
  });
});

describe('corpus builder', () => {
  it('is deterministic, deduplicated and split by set; the manifest reads back', async () => {
    const out1 = join(tmp, 'one');
    const out2 = join(tmp, 'two');
    const m1 = await buildCorpus(out1, 3, 6);
    const m2 = await buildCorpus(out2, 3, 6);
    expect(m1.hash).toBe(m2.hash);
    expect(m1.counts.all).toBe(5 * 3 * 6 - m1.duplicatesRemoved);
    const corpus = await readProjectCorpus(out1);
    expect(corpus.rooms).toHaveLength(m1.counts.all);
    expect(new Set(corpus.rooms.map((r) => roomKey(r.grid))).size).toBe(corpus.rooms.length);
    for (const set of m1.sets) expect(corpus.rooms.filter((r) => r.set === set.id).every((r) => r.split === set.split)).toBe(true);
    const legend = JSON.parse(await readFile(join(out1, 'legend.json'), 'utf8'));
    expect(parseLegend(legend, 'legend.json').tiles.P).toBe('P');
    expect(legend.names.P).toEqual({ name: 'water', walkable: false });
  });
});

describe('metrics', () => {
  it('measures Hamming distances, duplicates and 2×2 pattern KL', () => {
    const a = emptyRoom();
    const b = a.clone();
    b.set(5, 5, 'B');
    b.set(6, 5, 'B');
    expect(meanNearestHamming(toCodes([b]), toCodes([a, b]))).toBe(0);
    expect(meanNearestHamming(toCodes([b]), toCodes([a]))).toBeCloseTo(2 / 176);
    expect(meanPairwiseHamming(toCodes([a, b, b]))).toBeCloseTo((2 / 176 + 2 / 176 + 0) / 3);
    expect(duplicateRate([roomKey(a), roomKey(b), roomKey(b), roomKey(a)])).toBe(0.5);
    const pa = patternCounts2x2([a]);
    expect(pa.reduce((x, y) => x + y, 0)).toBe(15 * 10);
    expect(patternKl(pa, pa)).toBeCloseTo(0, 10);
    expect(patternKl(patternCounts2x2([b]), pa)).toBeGreaterThan(0);
    expect(patternKl(pa, patternCounts2x2([b]))).toBeGreaterThan(0);
  });
});
