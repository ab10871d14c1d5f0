import type { Facing } from '../../art/hero';
import { facingVector } from './movement';

/** An axis-aligned rectangle in world pixels (x, y = top-left). */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const SWORD_RULES = {
  /** How long a swing shows and hits, ms. */
  swingMs: 200,
  /** Time between swings, ms. */
  cooldownMs: 320,
  damage: 1,
  /** Reach in front of the hero's centre and width of the swept area, px. */
  reach: 18,
  width: 16,
  /** Knockback speed given to a struck enemy, px/s, and for how long, ms. */
  knockback: 190,
  stunMs: 260,
} as const;

/** The area a sword swing sweeps, in front of a hero centred at (cx, cy). */
export function swordHitbox(facing: Facing, cx: number, cy: number): Rect {
  const [fx, fy] = facingVector(facing);
  const { reach, width } = SWORD_RULES;
  if (fx !== 0) return { x: fx > 0 ? cx : cx - reach, y: cy - width / 2, w: reach, h: width };
  return { x: cx - width / 2, y: fy > 0 ? cy : cy - reach, w: width, h: reach };
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export interface HitResult {
  hp: number;
  dead: boolean;
  /** Knockback velocity (px/s), pointing from the attacker to the target. */
  vx: number;
  vy: number;
}

/**
 * A blow from (fromX, fromY) lands on a target at (x, y) with `hp` left. The target is pushed
 * straight away from the attacker (or down if they stand on the same spot).
 */
export function strike(hp: number, damage: number, fromX: number, fromY: number, x: number, y: number, knockback: number = SWORD_RULES.knockback): HitResult {
  const left = Math.max(0, hp - damage);
  const dx = x - fromX;
  const dy = y - fromY;
  const len = Math.hypot(dx, dy);
  const [ux, uy] = len > 1e-6 ? [dx / len, dy / len] : [0, 1];
  return { hp: left, dead: left === 0, vx: ux * knockback, vy: uy * knockback };
}
