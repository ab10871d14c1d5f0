import type { Rng } from '../core/rng';
import type { DialogueLine, Npc, World } from '../core/schema';
import { isQuestSituation, NPC_ROLES, SITUATIONS, type NpcRole, type Situation } from '../core/vocab';
import { writeLines } from '../pipeline/dialogue';
import type { LineSampleOptions, LineSampler } from '../pipeline/ports';
import { npcFacts } from '../pipeline/quest';
import type { PlayerInfo } from '../game/api';

/**
 * Dialogue for the panel: the true facts of a world (as generation handed them to the line
 * sampler), the NPC the hero faces, new lines for one NPC and a preview of lines per role.
 */

const FACING: Readonly<Record<PlayerInfo['facing'], readonly [number, number]>> = { up: [0, -1], down: [0, 1], left: [-1, 0], right: [1, 0] };

/**
 * The NPC the hero faces in its room (within about a tile in front), else the nearest NPC of
 * the room; null when the room has none. Positions in room pixels (16 per tile).
 */
export function npcInFront(world: World, hero: PlayerInfo): Npc | null {
  const room = world.rooms.find((r) => r.x === hero.roomX && r.y === hero.roomY);
  const here = (room?.entities ?? []).flatMap((e) => (e.kind === 'npc' ? [{ id: e.npc, cx: e.x * 16 + 8, cy: e.y * 16 + 8 }] : []));
  if (here.length === 0) return null;
  const [fx, fy] = FACING[hero.facing] ?? [0, 1];
  const front = { x: hero.px + fx * 16, y: hero.py + fy * 16 };
  const dist = (n: { cx: number; cy: number }, p: { x: number; y: number }) => Math.hypot(n.cx - p.x, n.cy - p.y);
  const faced = here.filter((n) => dist(n, front) <= 20).sort((a, b) => dist(a, front) - dist(b, front))[0];
  const pick = faced ?? [...here].sort((a, b) => dist(a, { x: hero.px, y: hero.py }) - dist(b, { x: hero.px, y: hero.py }))[0];
  return world.npcs.find((n) => n.id === pick.id) ?? null;
}

/** New lines for one NPC in the same situations, with `sampler` (filled with true facts). */
export function rewriteNpcLines(rng: Rng, world: World, npc: Npc, sampler: LineSampler, options: LineSampleOptions): DialogueLine[] {
  const job = { role: npc.role, situations: npc.lines.map((l) => l.situation), facts: npcFacts(world, npc) };
  return writeLines(rng, [job], sampler, options)[0];
}

/** Situations any NPC may speak in (the quest ones belong to the quest giver). */
const ROLE_SITUATIONS: readonly Situation[] = SITUATIONS.filter((s) => !isQuestSituation(s));

/**
 * Lines a role would say in this world, one per everyday situation (greeting … lore), filled
 * with the facts the quest giver knows; the speaker is called "the <role>".
 */
export function previewLines(rng: Rng, world: World, role: NpcRole, sampler: LineSampler, options: LineSampleOptions): DialogueLine[] {
  if (!(NPC_ROLES as readonly string[]).includes(role)) throw new Error(`previewLines: unknown role "${role}"`);
  const giver = world.npcs.find((n) => n.id === world.quest.giver);
  if (!giver) throw new Error(`previewLines: the quest giver "${world.quest.giver}" is not an NPC of this world`);
  const facts = { ...npcFacts(world, giver), npc: `the ${role}` };
  return writeLines(rng, [{ role, situations: ROLE_SITUATIONS, facts }], sampler, options)[0];
}
