import type { World } from '../../core/schema';
import { SITUATIONS, type Situation } from '../../core/vocab';
import { findFoe } from '../../pipeline/bestiary';
import type { LineFacts } from '../../pipeline/ports';
import { factsFor } from '../../pipeline/quest';

/** What `npm run eval:repeats` counts (repeats.ts): the facts each NPC of a written world spoke with, and repeated lines. */

/** The facts a world's NPC spoke with, rebuilt from the world as the generator gave them (quest.ts `factsFor`). */
export function speakerFacts(world: World, npcId: string): LineFacts {
  const room = (x: number, y: number) => world.rooms.find((r) => r.x === x && r.y === y);
  const standing = (id: string) => {
    const npc = world.npcs.find((n) => n.id === id);
    const at = npc && room(npc.roomX, npc.roomY)?.entities.find((e) => e.kind === 'npc' && e.npc === id);
    if (!npc || !at) throw new Error(`world ${world.seed}: NPC ${id} or its entity is missing`);
    return { id, name: npc.name, roomX: npc.roomX, roomY: npc.roomY, x: at.x, y: at.y };
  };
  const goalRoom = room(world.goal.roomX, world.goal.roomY);
  const guardian = findFoe(world.quest.guardian);
  if (!goalRoom || !guardian) throw new Error(`world ${world.seed}: the goal's room or the guardian ${world.quest.guardian} is missing`);
  const quest = { hero: world.hero, giver: standing(world.quest.giver), item: world.quest.item, guardian, goal: world.goal, place: world.quest.place, biome: goalRoom.biome };
  return factsFor(quest, standing(npcId));
}

export interface Shares {
  lines: number;
  repeats: number;
  bySituation: Partial<Record<Situation, number>>;
}

/** The share of lines that another line of the same role and situation says (keyed by `key`). */
export function repeatShares(lines: readonly { role: string; situation: Situation; key: string }[]): Shares {
  const count = new Map<string, number>();
  const id = (l: (typeof lines)[number]) => `${l.role}|${l.situation}|${l.key}`;
  for (const l of lines) count.set(id(l), (count.get(id(l)) ?? 0) + 1);
  const per = new Map<Situation, [number, number]>();
  for (const l of lines) {
    const [r, n] = per.get(l.situation) ?? [0, 0];
    per.set(l.situation, [r + (count.get(id(l))! > 1 ? 1 : 0), n + 1]);
  }
  const repeated = [...per.values()].reduce((a, [r]) => a + r, 0);
  const bySituation = Object.fromEntries(SITUATIONS.filter((s) => per.has(s)).map((s) => [s, per.get(s)![0] / per.get(s)![1]]));
  return { lines: lines.length, repeats: lines.length ? repeated / lines.length : 0, bySituation };
}
