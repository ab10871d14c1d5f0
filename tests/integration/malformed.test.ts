import { describe, expect, it } from 'vitest';
import type { World } from '../../src/core/schema';
import { WorldValidationError, validateWorld } from '../../src/core/validate';
import { serializeWorld } from '../../src/pipeline/export/worldJson';
import { generateWorld } from '../../src/pipeline/world';

const base = serializeWorld(generateWorld('malformed', { width: 3, height: 3, density: { npcs: 1 } }));
const fresh = (): World => JSON.parse(base);

/** Replaces one tile of a room's row. */
function setTile(w: World, room: number, x: number, y: number, c: string): World {
  const row = w.rooms[room].tiles[y];
  w.rooms[room].tiles[y] = row.slice(0, x) + c + row.slice(x + 1);
  return w;
}

/** Index of a room that has a neighbour to the east without a door between them. */
function closedEastPair(w: World): number {
  return w.rooms.findIndex((r) => r.x + 1 < w.width && r.tiles[5][15] !== 'D');
}

const CASES: Array<[string, () => unknown, RegExp]> = [
  ['text that is not JSON', () => '{"format": ', /not JSON/],
  ['an empty file', () => '', /not JSON/],
  ['a JSON array', () => '[]', /expected a JSON object, got an array/],
  ['null', () => 'null', /got null/],
  ['a number', () => 42, /got number/],
  ['a Tiled map', () => ({ type: 'map', format: undefined, orientation: 'orthogonal', tiledversion: '1.10' }), /format/],
  ['another format', () => ({ ...fresh(), format: 'tiled.map' }), /format: expected "worldsmith.world"/],
  ['a future version', () => ({ ...fresh(), version: 2 }), /unsupported version 2/],
  ['a missing seed', () => { const w: Partial<World> = fresh(); delete w.seed; return w; }, /seed/],
  ['a seed with spaces', () => ({ ...fresh(), seed: 'a b' }), /seed: expected a seed/],
  ['no rooms', () => { const w: Partial<World> = fresh(); delete w.rooms; return w; }, /rooms/],
  ['a row of 15 tiles', () => { const w = fresh(); w.rooms[2].tiles[4] = w.rooms[2].tiles[4].slice(1); return w; }, /rooms\[2\]\.tiles\[4\]: expected 16 tiles/],
  ['a room of 10 rows', () => { const w = fresh(); w.rooms[1].tiles.pop(); return w; }, /rooms\[1\]\.tiles: expected 11 rows/],
  ['an unknown tile', () => setTile(fresh(), 0, 5, 5, 'X'), /rooms\[0\]\.tiles\[5\]: expected only tile chars/],
  ['an unknown entity kind', () => { const w = fresh(); (w.rooms[0].entities as unknown[]).push({ id: 'x', kind: 'dragon', x: 3, y: 3, name: 'x' }); return w; }, /rooms\[0\]\.entities\[\d+\]\.kind/],
  ['an entity outside the room', () => { const w = fresh(); const r = w.rooms.find((r) => r.entities.length > 0)!; r.entities[0].x = 16; return w; }, /entities\[0\]\.x/],
  ['an entity on a wall', () => { const w = fresh(); const r = w.rooms.findIndex((r) => r.entities.length > 0); w.rooms[r].entities[0].x = 0; w.rooms[r].entities[0].y = 0; return w; }, /stands on a 'W' tile/],
  ['duplicate entity ids', () => { const w = fresh(); const all = w.rooms.flatMap((r) => r.entities); all[1].id = all[0].id; return w; }, /duplicate entity id/],
  ['a door with no door facing it', () => { const w = fresh(); const i = closedEastPair(w); return setTile(setTile(w, i, 15, 5, 'D'), i, 14, 5, 'D'); }, /door mismatch/],
  ['a door out of the world', () => setTile(setTile(fresh(), 0, 0, 5, 'D'), 0, 1, 5, 'D'), /leads out of the world/],
  ['a door in a corner', () => setTile(fresh(), 4, 0, 0, 'D'), /door in a corner/],
  ['a missing room', () => { const w = fresh(); w.rooms.pop(); return w; }, /expected 9 rooms/],
  ['two rooms in one place', () => { const w = fresh(); w.rooms[1].x = w.rooms[0].x; w.rooms[1].y = w.rooms[0].y; return w; }, /a second room at/],
  ['a room outside the grid', () => { const w = fresh(); w.rooms[0].x = 7; return w; }, /outside the 3×3 grid/],
  ['a start on a wall', () => { const w = fresh(); w.start.x = 0; w.start.y = 0; return w; }, /start: \(0,0\).*not walkable/],
  ['a goal without its entity', () => { const w = fresh(); for (const r of w.rooms) r.entities = r.entities.filter((e) => e.kind !== 'goal'); return w; }, /no goal entity/],
  ['an unknown quest giver', () => { const w = fresh(); w.quest.giver = 'npc-99'; return w; }, /quest\.giver: unknown NPC/],
  ['an NPC without its entity', () => { const w = fresh(); w.npcs[0].roomX = (w.npcs[0].roomX + 1) % 3; return w; }, /has no entity in room/],
  ['an unknown NPC role', () => { const w = fresh(); (w.npcs[0] as { role: string }).role = 'wizard'; return w; }, /npcs\[0\]\.role/],
  ['an unknown biome', () => { const w = fresh(); (w.rooms[3] as { biome: string }).biome = 'moon'; return w; }, /rooms\[3\]\.biome/],
  ['params out of range', () => { const w = fresh(); w.params.width = 99; return w; }, /params\.width/],
  ['params that disagree with the grid', () => { const w = fresh(); w.params.width = 4; return w; }, /params say 4×3/],
  ['thresholds not ascending', () => { const w = fresh(); w.params.biomes.thresholds = [0.5, 0, 0.2]; return w; }, /thresholds must be ascending/],
  ['a line with no text', () => { const w = fresh(); w.npcs[0].lines[0].text = ''; return w; }, /npcs\[0\]\.lines\[0\]\.text/],
];

describe('malformed worlds are refused with errors that say what and where', () => {
  it(`covers ${CASES.length} kinds of bad input`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
    expect(() => validateWorld(base)).not.toThrow();
  });

  for (const [name, make, message] of CASES) {
    it(name, () => {
      const input = make();
      let error: unknown;
      try {
        validateWorld(typeof input === 'string' ? input : JSON.stringify(input));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(WorldValidationError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message.startsWith('Invalid world: ')).toBe(true);
    });
  }
});
