import { z } from 'zod';
import { ROOM_H, ROOM_W } from './grid';
import { WorldParamsSchema } from './params';
import { TILE_CHARS } from './tiles';
import { BIOMES, COMPASS, ITEM_KINDS, NPC_ROLES, ROOM_STYLES, SITUATIONS } from './vocab';

/**
 * The versioned world format (`worldsmith.world`, version 1). Types are inferred from these
 * schemas, so the format has one source of truth; `public/schema/world.schema.json` is generated
 * from it (`npm run schema`). Rules a JSON Schema cannot express (doors agree across neighbours,
 * entities stand on walkable tiles) are checked by `validateWorld`.
 */
export const WORLD_FORMAT = 'worldsmith.world';
export const WORLD_VERSION = 1;

const id = z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected an id of a-z, 0-9 and -');
const tileX = z.number().int().min(0).max(ROOM_W - 1);
const tileY = z.number().int().min(0).max(ROOM_H - 1);
const tileRow = z
  .string()
  .length(ROOM_W, `expected ${ROOM_W} tiles`)
  .regex(new RegExp(`^[${TILE_CHARS.join('').replace('-', '\\-')}]*$`), `expected only tile chars ${TILE_CHARS.join('')}`);

const entityBase = { id, x: tileX, y: tileY, name: z.string().min(1).max(60) };

export const EntitySchema = z.discriminatedUnion('kind', [
  z.object({
    ...entityBase,
    kind: z.literal('enemy'),
    /** Species id from the bestiary (e.g. "slime"). */
    foe: id,
    hp: z.number().int().min(1).max(20),
    /** Tiles per second. */
    speed: z.number().min(0).max(10),
    /** Guards the quest goal: chases from further away. */
    guard: z.boolean(),
  }),
  z.object({ ...entityBase, kind: z.literal('item'), item: z.enum(ITEM_KINDS) }),
  z.object({ ...entityBase, kind: z.literal('chest'), item: z.enum(ITEM_KINDS) }),
  z.object({ ...entityBase, kind: z.literal('npc'), npc: id }),
  z.object({ ...entityBase, kind: z.literal('goal') }),
]);

export const RoomSchema = z.object({
  x: z.number().int().min(0),
  y: z.number().int().min(0),
  biome: z.enum(BIOMES),
  style: z.enum(ROOM_STYLES),
  /** Name of the region (same-biome neighbours) this room belongs to. */
  place: z.string().min(1).max(60),
  /** Which room generator made the tiles. */
  source: z.enum(['vae', 'classic', 'custom']),
  /** Tiles the repair step changed (0 when the room came out playable). */
  repaired: z.number().int().min(0),
  tiles: z.array(tileRow).length(ROOM_H, `expected ${ROOM_H} rows`),
  entities: z.array(EntitySchema),
});

const RoomPos = z.object({ roomX: z.number().int().min(0), roomY: z.number().int().min(0), x: tileX, y: tileY });

export const LineSchema = z.object({ situation: z.enum(SITUATIONS), text: z.string().min(1).max(400) });

export const NpcSchema = z.object({
  id,
  name: z.string().min(1).max(40),
  role: z.enum(NPC_ROLES),
  roomX: z.number().int().min(0),
  roomY: z.number().int().min(0),
  lines: z.array(LineSchema).min(1),
});

export const QuestSchema = z.object({
  kind: z.literal('retrieve'),
  title: z.string().min(1).max(80),
  /** Id of the NPC who gives the quest. */
  giver: id,
  /** The quest item: its entity is the goal. */
  item: z.string().min(1).max(60),
  /** Species id of the foe that guards the goal. */
  guardian: id,
  /** Region name and compass direction of the goal, seen from the giver's room. */
  place: z.string().min(1).max(60),
  direction: z.enum(COMPASS),
  hook: z.string().min(1),
  description: z.string().min(1),
  completion: z.string().min(1),
});

export const WorldSchema = z.object({
  format: z.literal(WORLD_FORMAT),
  version: z.literal(WORLD_VERSION),
  seed: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'expected a seed of 1-32 letters, digits, _ or -'),
  params: WorldParamsSchema,
  /** Which generators made this world (a model falls back to its classic peer when missing). */
  generators: z.object({
    rooms: z.enum(['vae', 'classic']),
    lines: z.enum(['placeholder', 'markov', 'transformer', 'mixture']),
  }),
  /** The hero's name ({player} in dialogue). */
  hero: z.string().min(1).max(40),
  width: z.number().int().min(2).max(12),
  height: z.number().int().min(2).max(12),
  rooms: z.array(RoomSchema).min(4),
  start: RoomPos,
  goal: RoomPos,
  npcs: z.array(NpcSchema).min(1),
  quest: QuestSchema,
});

export type Entity = z.infer<typeof EntitySchema>;
export type EntityKind = Entity['kind'];
export type Room = z.infer<typeof RoomSchema>;
export type RoomPosition = z.infer<typeof RoomPos>;
export type DialogueLine = z.infer<typeof LineSchema>;
export type Npc = z.infer<typeof NpcSchema>;
export type Quest = z.infer<typeof QuestSchema>;
export type World = z.infer<typeof WorldSchema>;

/** The world format as a JSON Schema (draft 2020-12), for other tools. */
export function worldJsonSchema(): object {
  return {
    $id: 'world.schema.json',
    title: 'Worldsmith world',
    ...z.toJSONSchema(WorldSchema, { target: 'draft-2020-12' }),
  };
}
