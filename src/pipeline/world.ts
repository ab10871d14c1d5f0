import { resolveParams, type ParamsOverride, type WorldParams } from '../core/params';
import { createRng, isValidSeed, type Rng } from '../core/rng';
import { WORLD_FORMAT, WORLD_VERSION, type Entity, type Npc, type Room, type World } from '../core/schema';
import { checkConsistency } from '../core/validate';
import { NPC_ROLES, type NpcRole } from '../core/vocab';
import { BESTIARY } from './bestiary';
import { placeholderLineSampler, situationsFor, writeLines, type WriteLinesOptions } from './dialogue';
import { layoutWorld, roomDistances, type Layout } from './layout';
import { heroName, itemName, npcName, placeName } from './names';
import { enemyEntity, freeCells, populateRoom, takeFarthest, takeNear } from './placement';
import type { LineSampler, RoomSampler } from './ports';
import { buildQuest, factsFor, type QuestFacts } from './quest';
import { proveReachable } from './reach';
import { makeRooms, type StagedRoom } from './roomStage';
import { classicRoomSampler } from './rooms/classic';

/** The models available to this run; a missing one falls back to its classic peer. */
export interface Generators {
  rooms?: RoomSampler;
  lines?: Partial<Record<LineSampler['name'], LineSampler>>;
  /** Extra acceptance check for generated lines (blocklist, novelty filter). */
  acceptLine?: WriteLinesOptions['accept'];
}

interface NpcDraft {
  id: string;
  name: string;
  role: NpcRole;
  room: number;
  x: number;
  y: number;
}

/**
 * Generates a world: a pure function of (seed, params, generators). Steps: lay out biomes and the
 * room graph, make and repair the rooms, name the regions, choose start and goal (the room
 * farthest from the start), place the quest giver, the guardian, enemies, pickups and NPCs, write
 * every NPC's lines, then prove the world playable. Throws only on bad input or a broken invariant.
 */
export function generateWorld(seed: string, override: ParamsOverride = {}, generators: Generators = {}): World {
  if (!isValidSeed(seed)) throw new Error(`seed: expected 1-32 letters, digits, _ or -, got ${JSON.stringify(seed)}`);
  const params = resolveParams(override);
  const rng = createRng(seed);
  const layout = layoutWorld(rng.fork('layout'), params);
  const roomSampler = params.rooms.source === 'vae' && generators.rooms ? generators.rooms : classicRoomSampler;
  const staged = makeRooms(rng.fork('rooms'), layout, params, roomSampler);
  const places = nameRegions(rng.fork('places'), layout);
  const hero = heroName(rng.fork('hero'));

  const { start, goal } = chooseStartAndGoal(rng.fork('quest-rooms'), layout);
  const rooms = staged.map((s) => ({ grid: s.grid, doors: s.request.doors, biome: s.request.biome }));
  const cells = rooms.map((r) => freeCells(r));
  const entities: Entity[][] = rooms.map(() => []);
  const placeRng = rng.fork('placement');

  const startCell = takeNear(cells[start], 7, 5, 0) ?? [7, 5];
  const goalCell = takeFarthest(rooms[goal], cells[goal]) ?? [7, 5];
  const guardian = placeRng.pick(BESTIARY[layout.biomes[goal]].slice(1));
  const guardCell = takeNear(cells[goal], goalCell[0], goalCell[1], 2) ?? takeNear(cells[goal], goalCell[0], goalCell[1], 1);
  if (guardCell) entities[goal].push(enemyEntity(`guardian`, guardian, guardCell, true));
  const item = itemName(placeRng);
  entities[goal].push({ id: 'goal', kind: 'goal', x: goalCell[0], y: goalCell[1], name: item.replace(/^the /, '') });

  const npcs = placeNpcs(rng.fork('npcs'), layout, params, cells, start, startCell);
  for (const npc of npcs) entities[npc.room].push({ id: `${npc.id}-entity`, kind: 'npc', x: npc.x, y: npc.y, name: npc.name, npc: npc.id });
  rooms.forEach((room, i) => {
    const prefix = `e-${i % layout.width}-${Math.floor(i / layout.width)}`;
    entities[i].push(...populateRoom(placeRng.fork(`room:${i}`), room, cells[i], prefix, params.density, i !== start));
  });

  const pos = (room: number, [x, y]: readonly [number, number]) => ({ roomX: room % layout.width, roomY: Math.floor(room / layout.width), x, y });
  const giver = npcs[0];
  const questFacts: QuestFacts = {
    hero,
    giver: { id: giver.id, name: giver.name, ...pos(giver.room, [giver.x, giver.y]) },
    item,
    guardian,
    goal: pos(goal, goalCell),
    place: places[goal],
    biome: layout.biomes[goal],
  };
  const lineSampler = pickLineSampler(params, generators);
  const lines = writeLines(
    rng.fork('lines'),
    npcs.map((n, k) => ({ role: n.role, situations: situationsFor(rng.fork(`situations:${k}`), k === 0), facts: factsFor(questFacts, { name: n.name, ...pos(n.room, [n.x, n.y]) }) })),
    lineSampler,
    { temperature: params.dialogue.temperature, topK: params.dialogue.topK, candidates: params.dialogue.candidates, pick: params.dialogue.pick, splicePenalty: params.dialogue.splicePenalty, judgePenalty: params.dialogue.judgePenalty, accept: generators.acceptLine },
  );

  const world: World = {
    format: WORLD_FORMAT,
    version: WORLD_VERSION,
    seed,
    params,
    generators: { rooms: roomSampler.name, lines: lineSampler.name },
    hero,
    width: layout.width,
    height: layout.height,
    rooms: staged.map((s, i) => toRoom(s, i, layout, places[i], entities[i])),
    start: pos(start, startCell),
    goal: pos(goal, goalCell),
    npcs: npcs.map((n, k): Npc => ({ id: n.id, name: n.name, role: n.role, ...roomOf(n.room, layout), lines: lines[k] })),
    quest: buildQuest(questFacts, lines[0]),
  };
  assertPlayable(world);
  return world;
}

function pickLineSampler(params: WorldParams, generators: Generators): LineSampler {
  const available = generators.lines ?? {};
  return available[params.dialogue.model] ?? available.mixture ?? available.markov ?? placeholderLineSampler;
}

function roomOf(room: number, layout: Layout) {
  return { roomX: room % layout.width, roomY: Math.floor(room / layout.width) };
}

function toRoom(s: StagedRoom, i: number, layout: Layout, place: string, entities: Entity[]): Room {
  return {
    x: i % layout.width,
    y: Math.floor(i / layout.width),
    biome: s.request.biome,
    style: s.request.style,
    place,
    source: s.source,
    repaired: s.repaired,
    tiles: s.grid.toRows(),
    entities,
  };
}

/** One name per region; rooms of a region share it. */
function nameRegions(rng: Rng, layout: Layout): string[] {
  const names = new Map<number, string>();
  const used = new Set<string>();
  return layout.regions.map((region, i) => {
    if (!names.has(region)) {
      let name = placeName(rng, layout.biomes[i]);
      for (let tries = 0; used.has(name) && tries < 10; tries++) name = placeName(rng, layout.biomes[i]);
      used.add(name);
      names.set(region, name);
    }
    return names.get(region)!;
  });
}

/** Start anywhere; the goal is the room farthest from it through the doors (ties broken at random). */
function chooseStartAndGoal(rng: Rng, layout: Layout): { start: number; goal: number } {
  const start = rng.int(0, layout.doors.length - 1);
  const dist = roomDistances(layout, start);
  const far = Math.max(...dist);
  const goal = rng.pick(dist.flatMap((d, i) => (d === far ? [i] : [])));
  return { start, goal };
}

/** The quest giver stands near the start; other rooms get an NPC with chance density.npcs. */
function placeNpcs(rng: Rng, layout: Layout, params: WorldParams, cells: Array<Array<[number, number]>>, start: number, startCell: readonly [number, number]): NpcDraft[] {
  const roles = rng.shuffle(NPC_ROLES);
  const drafts: NpcDraft[] = [];
  const add = (room: number, cell: [number, number] | null) => {
    if (!cell) return;
    const role = roles[drafts.length % roles.length];
    drafts.push({ id: `npc-${drafts.length}`, name: npcName(rng, role), role, room, x: cell[0], y: cell[1] });
  };
  add(start, takeNear(cells[start], startCell[0], startCell[1], 1));
  for (let i = 0; i < layout.doors.length; i++) {
    if (i !== start && rng.chance(params.density.npcs)) add(i, takeNear(cells[i], 7, 5, 0));
  }
  if (drafts.length === 0) throw new Error('placeNpcs: the start room has no free cell for the quest giver');
  return drafts;
}

/** The world generator's guarantee: consistent and fully reachable, or an Error (never returned). */
function assertPlayable(world: World): void {
  const issues = checkConsistency(world);
  if (issues.length > 0) throw new Error(`generateWorld(${world.seed}): inconsistent world: ${issues[0].path}: ${issues[0].message}`);
  const reach = proveReachable(world);
  if (!reach.ok) {
    const u = reach.unreachable[0];
    throw new Error(`generateWorld(${world.seed}): ${u.what} at (${u.x},${u.y}) in room (${u.roomX},${u.roomY}) is unreachable`);
  }
}
