import type { DialogueLine, Quest, RoomPosition } from '../core/schema';
import type { Biome } from '../core/vocab';
import { BIOME_WORD, type Foe } from './bestiary';
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
