import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/core/schema';
import { advanceConversation, lineComplete, openConversation, talkTarget, visibleText, TYPE_CPS } from '../../src/game/rules/dialogue';
import { newSession, presentEntities, roomAt, slay, take, touchEnemy } from '../../src/game/rules/session';
import { PLAYER_RULES } from '../../src/game/rules/player';
import { generateWorld } from '../../src/pipeline/world';

const world = generateWorld('session-1');
const all = world.rooms.flatMap((r) => r.entities);
const first = <K extends Entity['kind']>(kind: K) => all.find((e) => e.kind === kind) as Extract<Entity, { kind: K }> | undefined;

describe('session', () => {
  it('starts in the start room at full health, playing', () => {
    const s = newSession(world);
    expect([s.roomX, s.roomY]).toEqual([world.start.roomX, world.start.roomY]);
    expect(s.stats.hp).toBe(PLAYER_RULES.maxHp);
    expect(s.outcome).toBe('playing');
    expect(() => roomAt(world, 99, 0)).toThrow(/no room at \(99,0\)/);
  });

  it('takes an item once and it stays gone from its room', () => {
    const s = newSession(world);
    const coin: Entity = { id: 'c1', kind: 'item', item: 'coin', name: 'coin', x: 3, y: 3 };
    expect(take(s, coin)).toBe('+1 coin');
    expect(take(s, coin)).toBeNull();
    expect(s.stats.coins).toBe(1);
    const enemy = first('enemy')!;
    const room = world.rooms.find((r) => r.entities.includes(enemy))!;
    slay(s, enemy.id);
    expect(presentEntities(s, room).map((e) => e.id)).not.toContain(enemy.id);
  });

  it('opens a chest once, giving its item', () => {
    const s = newSession(world);
    const chest: Entity = { id: 'ch', kind: 'chest', item: 'gem', name: 'chest', x: 3, y: 3 };
    expect(take(s, chest)).toMatch(/Chest opened: \+1 gem/);
    expect(take(s, chest)).toBeNull();
    expect(s.stats.gems).toBe(1);
  });

  it('wins on the goal and dies after enough touches', () => {
    const won = newSession(world);
    expect(take(won, first('goal')!)).toContain(world.quest.item);
    expect(won.outcome).toBe('won');
    const dead = newSession(world);
    for (let t = 0; dead.outcome === 'playing'; t += PLAYER_RULES.invulnerableMs) touchEnemy(dead, t);
    expect(dead.stats.hp).toBe(0);
    expect(touchEnemy(dead, 1e9)).toBe(false);
  });
});

describe('dialogue', () => {
  const giver = world.npcs.find((n) => n.id === world.quest.giver)!;

  it('opens with the NPC\'s own lines from the world, the same each time, completion kept back', () => {
    const a = openConversation(world, giver.id, 0)!;
    const b = openConversation(world, giver.id, 5000)!;
    expect(a.lines).toEqual(b.lines);
    expect(a.lines).toEqual(giver.lines.filter((l) => l.situation !== 'quest-completion').map((l) => l.text));
    expect(a.lines).not.toContain(world.quest.completion);
    expect(a.placeholder).toBe(world.generators.lines === 'placeholder');
    expect(openConversation(world, 'nobody', 0)).toBeNull();
  });

  it('types a line out, shows it whole on a key press, then moves on and ends', () => {
    let c = openConversation(world, giver.id, 0)!;
    const line = c.lines[0];
    expect(visibleText(c, 0)).toBe('');
    expect(visibleText(c, 1000 / TYPE_CPS * 3 + 1)).toBe(line.slice(0, 3));
    c = advanceConversation(c, 10)!;
    expect(lineComplete(c, 10)).toBe(true);
    expect(visibleText(c, 10)).toBe(line);
    c = advanceConversation(c, 20)!;
    expect(c.index).toBe(1);
    let steps = 0;
    let cur: typeof c | null = c;
    while (cur && steps++ < 100) cur = advanceConversation(cur, 1e6 + steps);
    expect(cur).toBeNull();
    // Line 1 is already typed out (one press moves on); each later line takes two presses
    // (reveal, then next), and the last of them closes.
    expect(steps).toBe(1 + (c.lines.length - 2) * 2);
  });

  it('talks to the NPC in front or beside the hero, within reach', () => {
    const npcs = [{ id: 'a', x: 100, y: 80 }, { id: 'b', x: 140, y: 100 }];
    expect(talkTarget(100, 100, 0, -1, npcs)?.id).toBe('a');
    expect(talkTarget(122, 100, 1, 0, npcs)?.id).toBe('b');
    expect(talkTarget(100, 160, 0, 1, npcs)).toBeNull();
  });
});
