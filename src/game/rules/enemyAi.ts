import type { Rng } from '../../core/rng';

/** Tunable numbers of enemy behaviour (distances in tiles, times in ms). */
export const ENEMY_RULES = {
  /** An ordinary enemy starts chasing within this many tiles of the hero... */
  chaseTiles: 4,
  /** ...a guardian (of the quest goal) from further away. */
  guardChaseTiles: 7.5,
  /** A chase ends only beyond radius × this factor (so enemies do not dither at the edge). */
  giveUpFactor: 1.4,
  wanderMinMs: 450,
  wanderMaxMs: 1500,
  /** Chance that a wander step is a pause. */
  idleChance: 0.3,
  wanderSpeed: 0.55,
  chaseSpeed: 1,
  tilePx: 16,
} as const;

export type EnemyMode = 'wander' | 'chase' | 'stunned';

/** What an enemy is doing: a mode, its velocity (px/s) and until when (game ms) it keeps it. */
export interface EnemyMind {
  mode: EnemyMode;
  vx: number;
  vy: number;
  until: number;
}

export interface EnemyBody {
  x: number;
  y: number;
  /** Tiles per second (from the world JSON). */
  speed: number;
  guard: boolean;
}

export function newMind(): EnemyMind {
  return { mode: 'wander', vx: 0, vy: 0, until: 0 };
}

const DIRS: ReadonlyArray<readonly [number, number]> = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
  [Math.SQRT1_2, Math.SQRT1_2],
  [-Math.SQRT1_2, Math.SQRT1_2],
  [Math.SQRT1_2, -Math.SQRT1_2],
  [-Math.SQRT1_2, -Math.SQRT1_2],
];

/** The distance (px) within which this enemy chases; `chasing` widens it (hysteresis). */
export function chaseRadius(self: EnemyBody, chasing: boolean): number {
  const tiles = self.guard ? ENEMY_RULES.guardChaseTiles : ENEMY_RULES.chaseTiles;
  return tiles * ENEMY_RULES.tilePx * (chasing ? ENEMY_RULES.giveUpFactor : 1);
}

/**
 * One decision at game time `now`: keep being stunned, chase a hero in range (straight at
 * them), or wander (pick a direction or a pause for a random while). `player` is null when the
 * hero cannot be chased (talking, dead). Randomness comes from the enemy's own Rng.
 */
export function think(mind: EnemyMind, self: EnemyBody, player: { x: number; y: number } | null, now: number, rng: Rng): EnemyMind {
  if (mind.mode === 'stunned' && now < mind.until) return mind;
  const px = self.speed * ENEMY_RULES.tilePx;
  if (player) {
    const dx = player.x - self.x;
    const dy = player.y - self.y;
    const dist = Math.hypot(dx, dy);
    if (dist > 1 && dist < chaseRadius(self, mind.mode === 'chase')) {
      const v = px * ENEMY_RULES.chaseSpeed;
      return { mode: 'chase', vx: (dx / dist) * v, vy: (dy / dist) * v, until: now };
    }
  }
  if (mind.mode === 'wander' && now < mind.until) return mind;
  const until = now + rng.int(ENEMY_RULES.wanderMinMs, ENEMY_RULES.wanderMaxMs);
  if (rng.chance(ENEMY_RULES.idleChance)) return { mode: 'wander', vx: 0, vy: 0, until };
  const [ux, uy] = rng.pick(DIRS);
  const v = px * ENEMY_RULES.wanderSpeed;
  return { mode: 'wander', vx: ux * v, vy: uy * v, until };
}

/** A struck enemy reels back with the knockback velocity for `ms`, then decides afresh. */
export function stun(now: number, vx: number, vy: number, ms: number): EnemyMind {
  return { mode: 'stunned', vx, vy, until: now + ms };
}
