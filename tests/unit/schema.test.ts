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

  it('imports a world exported before rooms.candidates existed with one draw per room, as it was made', () => {
    const json = JSON.parse(serializeWorld(generateWorld('old-export')));
    delete json.params.rooms.candidates;
    expect(WorldSchema.parse(json).params.rooms.candidates).toBe(1);
  });

  it('imports a world exported before dialogue.candidates existed with the 8 candidates per line its lines were written with', () => {
    const json = JSON.parse(serializeWorld(generateWorld('old-export')));
    delete json.params.dialogue.candidates;
    expect(WorldSchema.parse(json).params.dialogue.candidates).toBe(8);
    expect(DEFAULT_PARAMS.dialogue.candidates).toBe(32);
  });

  it('imports a world exported before dialogue.pick existed with the most likely candidate kept, as it was written', () => {
    const json = JSON.parse(serializeWorld(generateWorld('old-export')));
    delete json.params.dialogue.pick;
    expect(WorldSchema.parse(json).params.dialogue.pick).toBe(0);
  });

  it('imports a world exported before dialogue.splicePenalty existed with no penalty, as it was written', () => {
    const json = JSON.parse(serializeWorld(generateWorld('old-export')));
    delete json.params.dialogue.splicePenalty;
    expect(WorldSchema.parse(json).params.dialogue.splicePenalty).toBe(0);
    expect(DEFAULT_PARAMS.dialogue.splicePenalty).toBe(5);
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
