/** Closed vocabularies shared by the world format, the generators and the models. */

export const BIOMES = ['grassland', 'forest', 'desert', 'cave'] as const;
export type Biome = (typeof BIOMES)[number];

/** Room styles of the classic generator; the level VAE is conditioned on them. */
export const ROOM_STYLES = ['caves', 'pillars', 'water', 'symmetric', 'grove'] as const;
export type RoomStyle = (typeof ROOM_STYLES)[number];

export const NPC_ROLES = [
  'elder',
  'merchant',
  'guard',
  'blacksmith',
  'hermit',
  'priest',
  'bard',
  'child',
  'farmer',
  'scholar',
] as const;
export type NpcRole = (typeof NPC_ROLES)[number];

/** What an NPC line is for. The quest situations carry the world's quest narrative. */
export const SITUATIONS = [
  'greeting',
  'rumour',
  'hint',
  'trade',
  'farewell',
  'warning',
  'lore',
  'quest-hook',
  'quest-description',
  'quest-completion',
] as const;
export type Situation = (typeof SITUATIONS)[number];

/** True for the situations of the world's quest (hook, description, completion). */
export function isQuestSituation(s: Situation): boolean {
  return s.startsWith('quest-');
}

/** Slot tokens a generated line may contain; each is filled with a fact of the world. */
export const SLOTS = ['npc', 'player', 'item', 'place', 'biome', 'foe', 'direction'] as const;
export type Slot = (typeof SLOTS)[number];

export const ITEM_KINDS = ['heart', 'coin', 'gem', 'potion', 'key'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Sprite classes of the sprite GAN (and of the procedural fallback). */
export const SPRITE_CLASSES = ['creature', 'item', 'character'] as const;
export type SpriteClass = (typeof SPRITE_CLASSES)[number];

export const COMPASS = [
  'north',
  'north-east',
  'east',
  'south-east',
  'south',
  'south-west',
  'west',
  'north-west',
] as const;
export type Compass = (typeof COMPASS)[number];
