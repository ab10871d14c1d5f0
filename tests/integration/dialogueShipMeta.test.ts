import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVAL_RECORD, weightsSha256, writeEvalRecord } from '../../src/train/dialogue/evalRecord';
import { SHIPPED_FILES, shipSplit, type SplitRecord } from '../../src/train/dialogue/shipModel';

// Shipping a split (train:dialogue, also --ship-only) carries the run's held-out figures
// (WORK/eval.json, written by eval:dialogue --update-meta) into meta.json only when they are
// of the very weights being shipped and of the same corpus.

const CORPUS = 'c'.repeat(64);
const rows = [
  { role: 'guard', situation: 'greeting', text: 'Halt, {player}. State your business.' },
  { role: 'guard', situation: 'farewell', text: 'Move along now, and keep out of trouble.' },
] as const;

let work: string;
let split: string;
let out: string;

function record(): SplitRecord {
  return {
    seed: 1, corpus: 'assets/text/corpus.txt', corpusSha256: CORPUS, options: { ema: 0.995 }, metrics: { valBitsPerCharTransformer: 1.5 },
    params: 1000, steps: 200, seconds: 10, truncated: 0, charsPerToken: 3,
    history: [{ step: 100, trainLoss: 2, valBpc: 1.7 }, { step: 200, trainLoss: 1.8, valBpc: 1.5 }] as SplitRecord['history'],
  };
}

async function shippedMetrics(): Promise<Record<string, number>> {
  await shipSplit(split, out, rows.map((r) => ({ ...r, source: 'test' })) as never, false, 'test', 1);
  return JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')).metrics;
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'ws-ship-'));
  split = join(work, 'split-1');
  out = join(work, 'shipped');
  mkdirSync(split);
  for (const f of SHIPPED_FILES) writeFileSync(join(split, f), f === 'weights.bin' ? new Uint8Array([1, 2, 3, 4]) : '{}');
  writeFileSync(join(split, 'train.json'), JSON.stringify(record()));
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('shipping a split with the run’s evaluation', () => {
  it('ships only the training figures when the run was not evaluated', async () => {
    expect(await shippedMetrics()).toEqual({ valBitsPerCharTransformer: 1.5 });
  });

  it('adds the test.* figures of an evaluation of these weights', async () => {
    writeEvalRecord(work, { corpusSha256: CORPUS, weightsSha256: { 1: weightsSha256(split) }, metrics: { 'test.mixture.bitsPerChar': 1.33 }, command: 'test' });
    expect(await shippedMetrics()).toEqual({ valBitsPerCharTransformer: 1.5, 'test.mixture.bitsPerChar': 1.33 });
  });

  it('leaves out an evaluation of other weights or of another corpus', async () => {
    writeEvalRecord(work, { corpusSha256: CORPUS, weightsSha256: { 1: 'f'.repeat(64) }, metrics: { 'test.mixture.bitsPerChar': 1.33 }, command: 'test' });
    expect(await shippedMetrics()).toEqual({ valBitsPerCharTransformer: 1.5 });
    writeEvalRecord(work, { corpusSha256: 'd'.repeat(64), weightsSha256: { 1: weightsSha256(split) }, metrics: { 'test.mixture.bitsPerChar': 1.33 }, command: 'test' });
    expect(await shippedMetrics()).toEqual({ valBitsPerCharTransformer: 1.5 });
  });

  it('names an unreadable evaluation record', async () => {
    writeFileSync(join(work, EVAL_RECORD), '{ not json');
    await expect(shippedMetrics()).rejects.toThrow(join(work, EVAL_RECORD));
  });
});
