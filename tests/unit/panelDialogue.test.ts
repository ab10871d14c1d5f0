import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { WorldValidationError } from '../../src/core/validate';
import { proceduralSampler } from '../../src/art/spriteProcedural';
import { npcInFront, previewLines, rewriteNpcLines } from '../../src/debug/npcLines';
import { npcFacts, questFactsOf } from '../../src/pipeline/quest';
import { WorldController } from '../../src/game/controller';
import type { PlayerInfo } from '../../src/game/api';
import { placeholderLineSampler } from '../../src/pipeline/dialogue';
import type { LineSampler } from '../../src/pipeline/ports';
import { generateWorld } from '../../src/pipeline/world';

/** A sampler that says which request it answers, with slots, so the facts can be checked. */
const echo: LineSampler = {
  name: 'markov',
  sampleLines: (requests, rng) => requests.map((r) => `${r.role} ${r.situation} ${rng.int(0, 999)}: {npc} seeks {item} to the {direction}`),
};

const hero = (over: Partial<PlayerInfo>): PlayerInfo => ({ roomX: 0, roomY: 0, x: 0, y: 0, hp: 6, maxHp: 6, px: 0, py: 0, facing: 'down', coins: 0, gems: 0, keys: 0, outcome: 'playing', ...over });

describe('panel dialogue tools', () => {
  const world = generateWorld('talk', { density: { npcs: 1 } });

  it('reads back the facts generation gave the quest giver', () => {
    const giver = world.npcs.find((n) => n.id === world.quest.giver)!;
    const facts = questFactsOf(world);
    expect(facts.item).toBe(world.quest.item);
    expect(facts.guardian.id).toBe(world.quest.guardian);
    expect(facts.giver.id).toBe(giver.id);
    expect(npcFacts(world, giver).direction).toBe(world.quest.direction);
    expect(npcFacts(world, giver).npc).toBe(giver.name);
  });

  it('picks the NPC the hero faces, else the nearest in the room', () => {
    const npc = world.npcs[0];
    const room = world.rooms.find((r) => r.x === npc.roomX && r.y === npc.roomY)!;
    const e = room.entities.find((en) => en.kind === 'npc' && en.npc === npc.id)!;
    const facing = hero({ roomX: room.x, roomY: room.y, px: e.x * 16 + 8, py: (e.y - 1) * 16 + 8, facing: 'down' });
    expect(npcInFront(world, facing)?.id).toBe(npc.id);
    const far = hero({ roomX: room.x, roomY: room.y, px: 8, py: 8, facing: 'up' });
    expect(npcInFront(world, far)?.id).toBe(npc.id);
    const empty = world.rooms.find((r) => !r.entities.some((en) => en.kind === 'npc'));
    if (empty) expect(npcInFront(world, hero({ roomX: empty.x, roomY: empty.y }))).toBeNull();
  });

  it('writes new lines in the same situations with true facts, reproducibly', () => {
    const npc = world.npcs[1];
    const a = rewriteNpcLines(createRng('r1'), world, npc, echo, { temperature: 1, topK: 5 });
    expect(a.map((l) => l.situation)).toEqual(npc.lines.map((l) => l.situation));
    expect(a[0].text).toContain(npc.name);
    expect(a[0].text).toContain(world.quest.item);
    expect(a[0].text).not.toMatch(/[{}]/);
    expect(rewriteNpcLines(createRng('r1'), world, npc, echo, { temperature: 1, topK: 5 })).toEqual(a);
    expect(rewriteNpcLines(createRng('r2'), world, npc, echo, { temperature: 1, topK: 5 })).not.toEqual(a);
  });

  it('previews the everyday situations of a role', () => {
    const lines = previewLines(createRng('p'), world, 'bard', echo, { temperature: 1, topK: 5 });
    expect(lines.map((l) => l.situation)).toEqual(['greeting', 'rumour', 'hint', 'trade', 'farewell', 'warning', 'lore']);
    expect(lines.every((l) => l.text.startsWith('Bard '))).toBe(true);
    expect(() => previewLines(createRng('p'), world, 'wizard' as 'bard', echo, { temperature: 1, topK: 5 })).toThrow(/unknown role/);
  });

  it('the controller takes new lines live, keeps the quest texts in step, and refuses bad lines', async () => {
    const ctl = new WorldController({}, { procedural: proceduralSampler() });
    await ctl.regenerate('talk', { density: { npcs: 1 } });
    const giver = ctl.world.npcs.find((n) => n.id === ctl.world.quest.giver)!;
    const lines = rewriteNpcLines(createRng('g'), ctl.world, giver, placeholderLineSampler, { temperature: 1, topK: 5 });
    let states = 0;
    ctl.on('state', () => states++);
    ctl.setNpcLines(giver.id, lines);
    expect(ctl.world.npcs.find((n) => n.id === giver.id)!.lines).toEqual(lines);
    expect(ctl.world.quest.hook).toBe(lines.find((l) => l.situation === 'quest-hook')!.text);
    expect(states).toBe(1);
    expect(() => ctl.setNpcLines(giver.id, [])).toThrow(WorldValidationError);
    expect(() => ctl.setNpcLines('npc-99', lines)).toThrow(/no NPC "npc-99"/);
    expect(ctl.world.npcs.find((n) => n.id === giver.id)!.lines).toEqual(lines);
  });
});
