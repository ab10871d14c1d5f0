import { describe, expect, it } from 'vitest';
import { findFoe } from '../../src/pipeline/bestiary';
import { fillSlots, unfillSlots } from '../../src/pipeline/slots';
import { generateWorld } from '../../src/pipeline/world';
import { npcFacts } from '../../src/pipeline/quest';
import { repeatShares } from '../../src/train/dialogue/repeatShares';

const FACTS = { npc: 'Ana', player: 'Bo', item: 'the Amber Key', place: 'Keld Vale', biome: 'woods', foe: 'grey wolf', direction: 'north-east' } as const;

describe('repeats across worlds (npm run eval:repeats)', () => {
  it('unfillSlots undoes fillSlots, capitalised sentence starts included', () => {
    for (const t of ['{foe} lies {direction} of {place}. Greetings, {player}!', 'Ah, {player}. {item} is past the {biome}, {npc} says.', 'The {foe} was seen. {foe} tracks too.']) {
      expect(unfillSlots(fillSlots(t, FACTS)!, FACTS)).toBe(t);
    }
    // Whole words only: "Bo" in "Bold" and "east" alone stay.
    expect(unfillSlots('Bold words, Bo. Go east, not north-east.', FACTS)).toBe('Bold words, {player}. Go east, not {direction}.');
  });

  it("rebuilds each NPC's facts from a written world: the giver's are the quest's", () => {
    const world = generateWorld('repeats-1');
    const giver = npcFacts(world, world.npcs.find((n) => n.id === world.quest.giver)!);
    expect(giver).toMatchObject({ player: world.hero, item: world.quest.item, place: world.quest.place, direction: world.quest.direction, foe: findFoe(world.quest.guardian)!.name });
    for (const npc of world.npcs) expect(npcFacts(world, npc).npc).toBe(npc.name);
    expect(() => npcFacts(world, { ...world.npcs[0], id: 'npc-404' })).toThrow(/npc-404/);
  });

  it('counts a line as repeated when another of the same role and situation is the same', () => {
    const shares = repeatShares([
      { role: 'elder', situation: 'greeting', key: 'Hello.' },
      { role: 'elder', situation: 'greeting', key: 'Hello.' },
      { role: 'guard', situation: 'greeting', key: 'Hello.' }, // another role: not a repeat
      { role: 'elder', situation: 'farewell', key: 'Hello.' }, // another situation: not a repeat
      { role: 'elder', situation: 'farewell', key: 'Bye.' },
    ]);
    expect(shares.lines).toBe(5);
    expect(shares.repeats).toBeCloseTo(2 / 5);
    expect(shares.bySituation).toEqual({ greeting: 2 / 3, farewell: 0 });
  });
});
