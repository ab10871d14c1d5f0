import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lossPlotSvg, niceTicks, writeLossPlotSvg } from '../../src/train/plot';
import { readMeta, sha256Dir, sha256Entries, sha256Hex, writeMeta, type ModelMeta } from '../../src/train/meta';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tfplotmeta-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loss plot SVG', () => {
  const series = [
    { name: 'loss', points: Array.from({ length: 50 }, (_, i) => [i * 10, 2 / (i + 1)] as [number, number]) },
    { name: 'kl <beta>', points: [[0, 0.1], [250, NaN], [490, 0.4]] as [number, number][] },
  ];

  it('has a title, axis labels, a path per series and an escaped legend', () => {
    const svg = lossPlotSvg(series, { title: 'VAE & co', xLabel: 'step', yLabel: 'loss' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('>VAE &amp; co</text>');
    expect(svg).toContain('>kl &lt;beta&gt;</text>');
    expect(svg.match(/<path d="M/g)).toHaveLength(2);
    expect(svg).not.toMatch(/NaN/);
  });

  it('uses 1-2-5 ticks and log ticks', () => {
    expect(niceTicks(0, 490, 5)).toEqual([0, 100, 200, 300, 400]);
    expect(niceTicks(0.013, 0.061, 4)).toEqual([0.02, 0.04, 0.06]);
    expect(niceTicks(0.013, 0.061, 8)).toEqual([0.02, 0.03, 0.04, 0.05, 0.06]);
    const svg = lossPlotSvg(series, { logY: true });
    expect(svg).toContain('>0.1</text>');
    expect(svg).toContain('>1</text>');
    // A short log axis (bits/char between 1.2 and 2.9) still gets at least three labels.
    const short = lossPlotSvg([{ name: 'v', points: [[1, 2.9], [2, 1.6], [3, 1.2]] }], { logY: true });
    for (const label of ['1.5', '2', '2.5']) expect(short).toContain(`>${label}</text>`);
  });

  it('draws raw and smoothed curves, and refuses empty data', async () => {
    expect(lossPlotSvg(series, { smooth: 0.9 }).match(/<path d="M/g)).toHaveLength(4);
    expect(() => lossPlotSvg([{ name: 'x', points: [[1, NaN]] }])).toThrow(/no finite points/);
    const path = join(root, 'loss.svg');
    await writeLossPlotSvg(path, series, { title: 't' });
    expect(await readFile(path, 'utf8')).toBe(lossPlotSvg(series, { title: 't' }));
  });
});

describe('model meta', () => {
  const meta: ModelMeta = {
    name: 'levelVae',
    version: '1',
    createdAt: '2026-11-26T12:00:00Z',
    dataHash: sha256Hex('levels'),
    dataLicence: 'CC0-1.0',
    dataSources: [{ name: 'hand-made rooms', licence: 'CC0-1.0', origin: 'levels/' }],
    seed: 'vae-1',
    epochs: 40,
    metrics: { reconAccuracy: 0.93 },
    params: 92000,
    trainingSeconds: 312.5,
    command: 'npm run train:vae -- --epochs 40',
  };

  it('hashes strings exactly and directories independent of listing order', async () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Entries([['a', 'x'], ['b', 'y']])).toBe(sha256Entries([['b', 'y'], ['a', 'x']]));
    expect(sha256Entries([['a', 'x'], ['b', 'y']])).not.toBe(sha256Entries([['a', 'y'], ['b', 'x']]));
    const dir = join(root, 'data');
    await mkdir(join(dir, 'sub'), { recursive: true });
    await writeFile(join(dir, 'b.txt'), 'two');
    await writeFile(join(dir, 'sub', 'a.txt'), 'one');
    expect(await sha256Dir(dir)).toBe(sha256Entries([['b.txt', 'two'], ['sub/a.txt', 'one']]));
    expect(await sha256Dir(dir, (p) => p.endsWith('b.txt'))).toBe(sha256Entries([['b.txt', 'two']]));
  });

  it('writes and reads meta.json, and names bad fields', async () => {
    const dir = join(root, 'model');
    await mkdir(dir, { recursive: true });
    await writeMeta(dir, meta);
    expect(await readMeta(dir)).toEqual(meta);
    await expect(writeMeta(dir, { ...meta, dataHash: 'abc', params: -1 })).rejects.toThrow(/meta\.json: invalid model meta \(dataHash: .*params: /);
    await expect(writeMeta(dir, { ...meta, epochs: undefined })).rejects.toThrow(/needs epochs or steps/);
    await writeFile(join(dir, 'meta.json'), JSON.stringify({ ...meta, createdAt: 'yesterday' }));
    await expect(readMeta(dir)).rejects.toThrow(/meta\.json: invalid model meta \(createdAt: /);
  });
});
