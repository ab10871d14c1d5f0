import type { DialogueLine, Npc, Quest, RoomPosition, World } from '../core/schema';
import type { Biome } from '../core/vocab';
import { BIOME_WORD, findFoe, type Foe } from './bestiary';
import { compassDirection, worldTile } from './compass';
import type { LineFacts } from './ports';

/** The facts of the world's quest, as the generator decided them. */
export interface QuestFacts {
  hero: string;
  giver: { id: string; name: string; roomX: number; roomY: number; x: number; y: number };
  /** The quest item, with article ("the Amber Chalice"). */
  item: string;
  guardian: Foe;
  goal: RoomPosition;
  /** Region name and biome of the goal's room. */
  place: string;
  biome: Biome;
}

/**
 * What a line spoken by an NPC standing at `at` may say: every slot is a true fact of this
 * world (the direction is measured from the speaker to the goal, in world tiles).
 */
export function factsFor(quest: QuestFacts, speaker: { name: string; roomX: number; roomY: number; x: number; y: number }): LineFacts {
  const from = worldTile(speaker.roomX, speaker.roomY, speaker.x, speaker.y);
  const to = worldTile(quest.goal.roomX, quest.goal.roomY, quest.goal.x, quest.goal.y);
  return {
    npc: speaker.name,
    player: quest.hero,
    item: quest.item,
    place: quest.place,
    biome: BIOME_WORD[quest.biome],
    foe: quest.guardian.name,
    direction: compassDirection(from, to),
  };
}

/** Assembles the quest record from its facts and the giver's quest lines. */
export function buildQuest(quest: QuestFacts, giverLines: readonly DialogueLine[]): Quest {
  const line = (situation: DialogueLine['situation']) => giverLines.find((l) => l.situation === situation)?.text;
  const to = worldTile(quest.goal.roomX, quest.goal.roomY, quest.goal.x, quest.goal.y);
  const from = worldTile(quest.giver.roomX, quest.giver.roomY, quest.giver.x, quest.giver.y);
  const title = quest.item.replace(/^the /, '');
  return {
    kind: 'retrieve',
    title: `The ${title}`,
    giver: quest.giver.id,
    item: quest.item,
    guardian: quest.guardian.id,
    place: quest.place,
    direction: compassDirection(from, to),
    hook: line('quest-hook') ?? `Find ${quest.item}.`,
    description: line('quest-description') ?? `${quest.item} lies in ${quest.place}.`,
    completion: line('quest-completion') ?? `You found ${quest.item}.`,
  };
}

/** The quest facts of a world, read back from its JSON (what `generateWorld` decided). */
export function questFactsOf(world: World): QuestFacts {
  const giver = world.npcs.find((n) => n.id === world.quest.giver);
  if (!giver) throw new Error(`questFactsOf: the quest giver "${world.quest.giver}" is not an NPC of this world`);
  const at = entityOf(world, giver);
  const guardian = findFoe(world.quest.guardian);
  if (!guardian) throw new Error(`questFactsOf: unknown guardian "${world.quest.guardian}"`);
  const goalRoom = world.rooms.find((r) => r.x === world.goal.roomX && r.y === world.goal.roomY);
  if (!goalRoom) throw new Error('questFactsOf: the goal room is missing');
  return {
    hero: world.hero,
    giver: { id: giver.id, name: giver.name, ...at },
    item: world.quest.item,
    guardian,
    goal: world.goal,
    place: world.quest.place,
    biome: goalRoom.biome,
  };
}

/** Where an NPC stands (room and tile), from its entity. */
function entityOf(world: World, npc: Npc): { roomX: number; roomY: number; x: number; y: number } {
  const room = world.rooms.find((r) => r.x === npc.roomX && r.y === npc.roomY);
  const e = room?.entities.find((en) => en.kind === 'npc' && en.npc === npc.id);
  if (!e) throw new Error(`NPC "${npc.id}" has no entity in room (${npc.roomX},${npc.roomY})`);
  return { roomX: npc.roomX, roomY: npc.roomY, x: e.x, y: e.y };
}

/** The facts one NPC's lines may use. */
export function npcFacts(world: World, npc: Npc): LineFacts {
  return factsFor(questFactsOf(world), { name: npc.name, ...entityOf(world, npc) });
}
