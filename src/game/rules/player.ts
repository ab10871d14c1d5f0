import type { ItemKind } from '../../core/vocab';

/** Tunable numbers of the hero, in game units (px are world pixels, 16 per tile). */
export const PLAYER_RULES = {
  maxHp: 5,
  /** Walking speed, px/s. */
  speed: 76,
  /** Invulnerable time after a hit, ms. */
  invulnerableMs: 1000,
  /** Speed of the push away from an enemy that hit the hero, px/s. */
  knockback: 160,
  knockbackMs: 140,
} as const;

/** What the hero carries and how healthy they are. Immutable: rules return new values. */
export interface PlayerStats {
  hp: number;
  maxHp: number;
  coins: number;
  gems: number;
  keys: number;
  /** Game time (ms) until which hits are ignored. */
  invulnerableUntil: number;
}

export function newPlayerStats(): PlayerStats {
  return { hp: PLAYER_RULES.maxHp, maxHp: PLAYER_RULES.maxHp, coins: 0, gems: 0, keys: 0, invulnerableUntil: 0 };
}

export interface HurtResult {
  stats: PlayerStats;
  /** False when the hit was ignored (invulnerable or already dead). */
  hurt: boolean;
  dead: boolean;
}

/** An enemy touches the hero at game time `now` (ms): costs `damage` hearts unless invulnerable. */
export function hurtPlayer(stats: PlayerStats, now: number, damage = 1): HurtResult {
  if (stats.hp <= 0 || now < stats.invulnerableUntil) return { stats, hurt: false, dead: stats.hp <= 0 };
  const hp = Math.max(0, stats.hp - damage);
  return { stats: { ...stats, hp, invulnerableUntil: now + PLAYER_RULES.invulnerableMs }, hurt: true, dead: hp === 0 };
}

export interface PickupResult {
  stats: PlayerStats;
  /** What the HUD says ("+1 heart", "Healed fully"). */
  notice: string;
}

/** Picking up (or finding in a chest) an item of `kind`. */
export function collectItem(stats: PlayerStats, kind: ItemKind): PickupResult {
  switch (kind) {
    case 'heart':
      return stats.hp >= stats.maxHp
        ? { stats, notice: 'A heart (already at full health)' }
        : { stats: { ...stats, hp: stats.hp + 1 }, notice: '+1 heart' };
    case 'potion':
      return { stats: { ...stats, hp: stats.maxHp }, notice: 'Potion: fully healed' };
    case 'coin':
      return { stats: { ...stats, coins: stats.coins + 1 }, notice: '+1 coin' };
    case 'gem':
      return { stats: { ...stats, gems: stats.gems + 1 }, notice: '+1 gem' };
    case 'key':
      return { stats: { ...stats, keys: stats.keys + 1 }, notice: 'An old key' };
  }
}
