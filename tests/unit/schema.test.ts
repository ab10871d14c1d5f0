import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH, schemaText } from '../../src/cli/schema';
import { DEFAULT_PARAMS, resolveParams } from '../../src/core/params';
import { WorldSchema } from '../../src/core/schema';
import { serializeWorld } from '../../src/pipeline/export/worldJson';
import { generateWorld } from '../../src/pipeline/world';

describe('world schema', () => {
  it('the published JSON Schema is up to date (run `npm run schema`)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(schemaText());
  });

  it('describes the format, version and tile rows', () => {
    const schema = JSON.parse(schemaText());
    expect(schema.properties.format.const).toBe('worldsmith.world');
    expect(schema.properties.version.const).toBe(1);
    expect(schema.required).toEqual(expect.arrayContaining(['seed', 'params', 'rooms', 'start', 'goal', 'npcs', 'quest']));
  });

  it('round-trips a world through JSON unchanged', () => {
    const world = generateWorld('schema');
    const text = serializeWorld(world);
    expect(WorldSchema.parse(JSON.parse(text))).toEqual(world);
  });

  it('imports a world exported before sprites.mirrorCreatures existed, with it off', () => {
    const json = JSON.parse(serializeWorld(generateWorld('old-export')));
    delete json.params.sprites.mirrorCreatures;
    expect(WorldSchema.parse(json).params.sprites.mirrorCreatures).toBe(false);
  });

  /** A world exported before `params[group][key]` existed: what it imports with. */
  const importedWithout = (group: 'rooms' | 'dialogue', key: string): unknown => {
    const json = JSON.parse(serializeWorld(generateWorld('old-export')));
    delete json.params[group][key];
    return (WorldSchema.parse(json).params[group] as Record<string, unknown>)[key];
  };

  it.each([
    ['rooms', 'candidates', 1, 'one draw per room, as it was made'],
    ['dialogue', 'candidates', 8, 'the 8 candidates per line its lines were written with'],
    ['dialogue', 'pick', 0, 'the most likely candidate kept, as it was written'],
    ['dialogue', 'splicePenalty', 0, 'no splice penalty, as it was written'],
    ['dialogue', 'judgePenalty', 0, 'no reader judge, as it was written'],
  ] as const)('imports a world exported before %s.%s existed with %s (%s)', (group, key, expected, _why) => {
    expect(importedWithout(group, key)).toBe(expected);
  });

  it('new worlds get the current dialogue defaults, not those of old exports', () => {
    expect(DEFAULT_PARAMS.dialogue.candidates).toBe(32);
    expect(DEFAULT_PARAMS.dialogue.splicePenalty).toBe(5);
    expect(DEFAULT_PARAMS.dialogue.judgePenalty).toBe(2);
  });
});

describe('params', () => {
  it('fills defaults and keeps overrides', () => {
    const p = resolveParams({ width: 7, density: { enemies: 0 } });
    expect(p.width).toBe(7);
    expect(p.density.enemies).toBe(0);
    expect(p.density.items).toBe(DEFAULT_PARAMS.density.items);
  });

  it('names the bad field', () => {
    expect(() => resolveParams({ width: 1 })).toThrow(/^params\.width:/);
    expect(() => resolveParams({ rooms: { source: 'gan' as never } })).toThrow(/^params\.rooms\.source:/);
  });
});
