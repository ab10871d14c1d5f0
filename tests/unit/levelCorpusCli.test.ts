import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMeta } from '../../src/train/meta';

const run = promisify(execFile);
const TSX = 'node_modules/.bin/tsx';
const FIXTURE = 'tests/fixtures/levels';

/** Runs a CLI; resolves with stdout/stderr and the exit code instead of throwing. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, args, { maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'level-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('train:levels on a custom corpus', () => {
  it('trains on the tiny fixture, writes the model files, and eval:levels reads them back', async () => {
    const out = join(tmp, 'model');
    const res = await cli([
      'src/train/levels/train.ts',
      '--corpus', join(FIXTURE, 'rooms'),
      '--legend', join(FIXTURE, 'legend.json'),
      '--out', out,
      '--ckpt', join(tmp, 'ckpt'),
      '--epochs', '2',
      '--batch', '2',
      '--latent', '16',
    ]);
    expect(res.stderr).toMatch(/train rooms/);
    expect(res.code).toBe(0);
    for (const f of ['model.json', 'weights.bin', 'meta.json', 'loss.svg']) expect((await stat(join(out, f))).size).toBeGreaterThan(0);
    const meta = await readMeta(out);
    expect(meta.epochs).toBe(2);
    expect(meta.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect((meta.config as { vocab: { styles: string[] } }).vocab.styles).toEqual(['custom']);
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    expect(json.userDefinedMetadata.format).toBe('worldsmith.level-vae');

    const evalRes = await cli([
      'src/train/levels/evaluate.ts',
      '--model', out,
      '--samples', '12', '--quality', '12', '--wfc-samples', '3',
      '--plot', join(tmp, 'range.svg'),
      '--json',
    ]);
    expect(evalRes.code, evalRes.stderr).toBe(0);
    const report = JSON.parse(evalRes.stdout);
    for (const key of ['vae', 'classic', 'wfc']) {
      for (const field of ['playableRaw', 'playableRepaired', 'repairTilesChanged', 'nonTrivial', 'novelty', 'nearestHamming', 'duplicateRate', 'diversity', 'tilePatternKL2x2', 'msPerRoom']) {
        expect(report[key], `${key}.${field}`).toHaveProperty(field);
      }
    }
    expect(report.vae.reconstruction).toHaveProperty('interiorNonFloor');
    expect(report.vae.playableRepaired).toBe(1);
    expect(report.vae.styleCoherence).toBeNull(); // one style: nothing to tell apart
    expect(await readFile(join(tmp, 'range.svg'), 'utf8')).toMatch(/^<svg/);
  }, 120_000);

  it('fails with a clear message naming file, row and column for an unmapped char', async () => {
    const res = await cli([
      'src/train/levels/train.ts',
      '--corpus', join(FIXTURE, 'bad'),
      '--legend', join(FIXTURE, 'legend.json'),
      '--out', join(tmp, 'bad-model'),
      '--ckpt', join(tmp, 'bad-ckpt'),
    ]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/unmapped\.txt: unmapped char "Q" at row 6, column 8/);
    await expect(stat(join(tmp, 'bad-model'))).rejects.toThrow();
  }, 60_000);

  it('rejects bad arguments with the usage', async () => {
    const res = await cli(['src/train/levels/train.ts', '--corpus', join(FIXTURE, 'rooms')]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/--corpus needs --legend/);
    const res2 = await cli(['src/train/levels/train.ts', '--epochs', 'many']);
    expect(res2.code).toBe(1);
    expect(res2.stderr).toMatch(/--epochs: expected an integer/);
  }, 60_000);
});
