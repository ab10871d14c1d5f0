import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, WorldParamsSchema, resolveParams } from '../../src/core/params';
import { PARAM_FIELDS } from '../../src/debug/paramFields';
import { checkParams, moveThreshold, readBootRequest, readParamsQuery, readStored, sameParams, STORAGE_KEY, storedParams, writeParamsQuery } from '../../src/debug/panelState';

const memoryStorage = (entries: Record<string, string> = {}) => {
  const map = new Map(Object.entries(entries));
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) } as unknown as Storage;
};

describe('panel params fields', () => {
  it('cover every param with the schema ranges', () => {
    const keys = PARAM_FIELDS.map((f) => f.key);
    expect(keys).toContain('biomes.thresholds');
    expect(keys).toContain('sprites.outline');
    expect(PARAM_FIELDS.find((f) => f.key === 'sprites.mirrorCreatures')).toEqual({ kind: 'bool', key: 'sprites.mirrorCreatures' });
    expect(PARAM_FIELDS.find((f) => f.key === 'rooms.candidates')).toEqual({ kind: 'number', key: 'rooms.candidates', min: 1, max: 32, step: 1, int: true });
    expect(PARAM_FIELDS.find((f) => f.key === 'dialogue.candidates')).toEqual({ kind: 'number', key: 'dialogue.candidates', min: 1, max: 32, step: 1, int: true });
    expect(PARAM_FIELDS.find((f) => f.key === 'dialogue.pick')).toEqual({ kind: 'number', key: 'dialogue.pick', min: 0, max: 1, step: 0.05, int: false });
    expect(PARAM_FIELDS.find((f) => f.key === 'dialogue.splicePenalty')).toEqual({ kind: 'number', key: 'dialogue.splicePenalty', min: 0, max: 10, step: 0.5, int: false });
    expect(PARAM_FIELDS.find((f) => f.key === 'dialogue.judgePenalty')).toEqual({ kind: 'number', key: 'dialogue.judgePenalty', min: 0, max: 10, step: 0.25, int: false });
    expect(keys.length).toBe(25);
    const width = PARAM_FIELDS.find((f) => f.key === 'width');
    expect(width).toMatchObject({ kind: 'number', min: WorldParamsSchema.shape.width.minValue, max: WorldParamsSchema.shape.width.maxValue, int: true, step: 1 });
    expect(PARAM_FIELDS.find((f) => f.key === 'rooms.source')).toEqual({ kind: 'enum', key: 'rooms.source', options: ['vae', 'classic'] });
  });
});

describe('checkParams', () => {
  it('keeps valid params as they are and fills defaults', () => {
    expect(checkParams({}).params).toEqual(DEFAULT_PARAMS);
    const p = resolveParams({ width: 7, biomes: { frequency: 0.5 }, rooms: { source: 'classic' } });
    expect(checkParams(p)).toEqual({ params: p, notes: [] });
  });

  it('clamps numbers to the schema range, rounds integers, refuses junk with a note', () => {
    const { params, notes } = checkParams({ width: 99, height: '3.6', loops: -2, density: { enemies: 'lots' }, rooms: { source: 'bogus', repair: 'false' }, dialogue: { topK: 0 } });
    expect(params.width).toBe(12);
    expect(params.height).toBe(4);
    expect(params.loops).toBe(0);
    expect(params.density.enemies).toBe(DEFAULT_PARAMS.density.enemies);
    expect(params.rooms.source).toBe('vae');
    expect(params.rooms.repair).toBe(false);
    expect(params.dialogue.topK).toBe(1);
    expect(notes).toEqual([
      'width: 99 is above the maximum 12; clamped to 12',
      'height: 3.6 is not a whole number; rounded to 4',
      'loops: -2 is below the minimum 0; clamped to 0',
      `density.enemies: "lots" is not a number; using the default ${DEFAULT_PARAMS.density.enemies}`,
      'rooms.source: "bogus" is not one of vae, classic; using the default "vae"',
      'dialogue.topK: 0 is below the minimum 1; clamped to 1',
    ]);
    expect(() => resolveParams(params)).not.toThrow();
  });

  it('sorts thresholds that are not ascending and clamps them to [-1, 1]', () => {
    const { params, notes } = checkParams({ biomes: { thresholds: '0.5,-3,0.1' } });
    expect(params.biomes.thresholds).toEqual([-1, 0.1, 0.5]);
    expect(notes.join('\n')).toMatch(/below the minimum -1.*\n.*must be ascending/);
    expect(checkParams({ biomes: { thresholds: [1, 2] } }).notes[0]).toMatch(/is not three numbers/);
  });

  it('holds a moved threshold between its neighbours', () => {
    expect(moveThreshold([-0.3, 0, 0.3], 1, 0.2)).toEqual({ thresholds: [-0.3, 0.2, 0.3] });
    const held = moveThreshold([-0.3, 0, 0.3], 1, 0.9);
    expect(held.thresholds).toEqual([-0.3, 0.3, 0.3]);
    expect(held.note).toMatch(/between -0.3 and 0.3/);
  });
});

describe('URL and storage', () => {
  it('writes only changed params, with exact numbers, and reads them back', () => {
    const p = resolveParams({ width: 6, biomes: { frequency: 0.1 + 0.2, thresholds: [-0.5, 0, 0.25] }, rooms: { repair: false } });
    const q = writeParamsQuery(p, new URLSearchParams('seed=abc&width=3&loops=0.25'));
    expect(q.toString()).toBe('seed=abc&width=6&biomes.frequency=0.30000000000000004&biomes.thresholds=-0.5%2C0%2C0.25&rooms.repair=false');
    const back = checkParams(readParamsQuery(q));
    expect(back.notes).toEqual([]);
    expect(sameParams(back.params, p)).toBe(true);
    expect(back.params.biomes.frequency).toBe(0.1 + 0.2);
    expect(readParamsQuery(new URLSearchParams('seed=abc'))).toBeNull();
  });

  it('reads the boot request from the URL first, then localStorage; corrupt storage is a note', () => {
    const saved = memoryStorage({ [STORAGE_KEY]: JSON.stringify({ params: storedParams(resolveParams({ loops: 0.9 })), open: true }) });
    expect(readBootRequest('http://x/?seed=a&width=4', saved)).toMatchObject({ from: 'url', params: { width: '4' }, open: true });
    expect(readBootRequest('http://x/?seed=a&debug=0', saved)).toMatchObject({ from: 'storage', params: { loops: 0.9 }, open: false });
    expect(readBootRequest('http://x/', memoryStorage())).toEqual({ params: null, from: null, open: false, notes: [] });
    const bad = readStored(memoryStorage({ [STORAGE_KEY]: '{not json' }));
    expect(bad.stored).toEqual({});
    expect(bad.note).toMatch(/not panel state/);
  });
});
