import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { emptyRoom, stampDoors } from '../../src/core/room';
import { Grid } from '../../src/core/grid';
import { overlaps, strike, SWORD_RULES, swordHitbox } from '../../src/game/rules/combat';
import { arrivalCell, exitSide, neighbourRoom } from '../../src/game/rules/doors';
import { chaseRadius, ENEMY_RULES, newMind, stun, think } from '../../src/game/rules/enemyAi';
import { moveFromKeys } from '../../src/game/rules/movement';
import { collectItem, hurtPlayer, newPlayerStats, PLAYER_RULES } from '../../src/game/rules/player';
import { generateWorld } from '../../src/pipeline/world';

const none = { up: false, down: false, left: false, right: false };

describe('movement', () => {
  it('turns held keys into a velocity of the walking speed, diagonals normalised', () => {
    expect(moveFromKeys(none, 80, 'down')).toEqual({ vx: 0, vy: 0, facing: 'down', moving: false });
    expect(moveFromKeys({ ...none, left: true }, 80, 'down')).toMatchObject({ vx: -80, vy: 0, facing: 'left', moving: true });
    const diag = moveFromKeys({ ...none, up: true, right: true }, 80, 'up');
    expect(Math.hypot(diag.vx, diag.vy)).toBeCloseTo(80);
    expect(diag.facing).toBe('up');
    expect(moveFromKeys({ ...none, up: true, right: true }, 80, 'down').facing).toBe('right');
    expect(moveFromKeys({ ...none, left: true, right: true }, 80, 'up').moving).toBe(false);
  });
});

describe('player', () => {
  it('loses a heart per touch, then is invulnerable for a while, and dies at zero', () => {
    let s = newPlayerStats();
    let r = hurtPlayer(s, 1000);
    expect(r).toMatchObject({ hurt: true, dead: false });
    expect(r.stats.hp).toBe(PLAYER_RULES.maxHp - 1);
    expect(hurtPlayer(r.stats, 1000 + PLAYER_RULES.invulnerableMs - 1).hurt).toBe(false);
    s = r.stats;
    for (let t = 1; s.hp > 0; t++) {
      r = hurtPlayer(s, 1000 + t * PLAYER_RULES.invulnerableMs);
      s = r.stats;
    }
    expect(r.dead).toBe(true);
    expect(hurtPlayer(s, 1e9).hurt).toBe(false);
  });

  it('heals with hearts (capped) and potions (fully), counts coins, gems and keys', () => {
    const hurt = { ...newPlayerStats(), hp: 2 };
    expect(collectItem(hurt, 'heart').stats.hp).toBe(3);
    expect(collectItem(newPlayerStats(), 'heart').stats.hp).toBe(PLAYER_RULES.maxHp);
    expect(collectItem(hurt, 'potion').stats.hp).toBe(PLAYER_RULES.maxHp);
    const s = collectItem(collectItem(collectItem(hurt, 'coin').stats, 'gem').stats, 'key').stats;
    expect([s.coins, s.gems, s.keys]).toEqual([1, 1, 1]);
  });
});

describe('combat', () => {
  it('puts the sword hitbox in front of the hero', () => {
    const right = swordHitbox('right', 100, 100);
    expect(right.x).toBe(100);
    expect(overlaps(right, { x: 110, y: 96, w: 8, h: 8 })).toBe(true);
    expect(overlaps(right, { x: 80, y: 96, w: 8, h: 8 })).toBe(false);
    const up = swordHitbox('up', 100, 100);
    expect(up.y + up.h).toBe(100);
    expect(overlaps(up, { x: 96, y: 85, w: 8, h: 8 })).toBe(true);
    expect(overlaps(up, { x: 96, y: 105, w: 8, h: 8 })).toBe(false);
  });

  it('strikes: damage, death at zero, knockback away from the attacker', () => {
    const hit = strike(3, 1, 0, 0, 10, 0);
    expect(hit).toMatchObject({ hp: 2, dead: false, vy: 0 });
    expect(hit.vx).toBeCloseTo(SWORD_RULES.knockback);
    expect(strike(1, 1, 0, 0, 0, -5)).toMatchObject({ hp: 0, dead: true });
    expect(strike(1, 1, 0, 0, 0, -5).vy).toBeLessThan(0);
  });
});

describe('enemy AI', () => {
  const self = { x: 0, y: 0, speed: 2, guard: false };
  it('chases a hero within range at its own speed, guardians from further', () => {
    const rng = createRng('ai');
    const mind = think(newMind(), self, { x: 30, y: 40 }, 0, rng);
    expect(mind.mode).toBe('chase');
    expect(Math.hypot(mind.vx, mind.vy)).toBeCloseTo(2 * ENEMY_RULES.tilePx);
    expect(mind.vx).toBeGreaterThan(0);
    const far = { x: ENEMY_RULES.chaseTiles * 16 + 20, y: 0 };
    expect(think(newMind(), self, far, 0, rng).mode).toBe('wander');
    expect(think(newMind(), { ...self, guard: true }, far, 0, rng).mode).toBe('chase');
    expect(chaseRadius(self, true)).toBeGreaterThan(chaseRadius(self, false));
  });

  it('wanders deterministically with its own rng and keeps a decision until it expires', () => {
    const a = think(newMind(), self, null, 0, createRng('w'));
    const b = think(newMind(), self, null, 0, createRng('w'));
    expect(a).toEqual(b);
    expect(a.until).toBeGreaterThanOrEqual(ENEMY_RULES.wanderMinMs);
    expect(think(a, self, null, a.until - 1, createRng('other'))).toBe(a);
    const speeds = new Set<number>();
    let m = a;
    const rng = createRng('walk');
    for (let t = 0; t < 200; t++) {
      m = think(m, self, null, m.until, rng);
      speeds.add(Math.round(Math.hypot(m.vx, m.vy)));
    }
    expect(speeds).toContain(0);
    expect(speeds).toContain(Math.round(2 * 16 * ENEMY_RULES.wanderSpeed));
  });

  it('stays stunned until the stun ends, even with the hero in range', () => {
    const m = stun(100, 50, 0, 200);
    expect(think(m, self, { x: 5, y: 0 }, 250, createRng('s'))).toBe(m);
    expect(think(m, self, { x: 5, y: 0 }, 301, createRng('s')).mode).toBe('chase');
  });
});

describe('doors', () => {
  const g = emptyRoom();
  stampDoors(g, { N: true, E: true, S: false, W: false });

  it('leaves only from door tiles on the outer edge', () => {
    expect(exitSide(g, 7, 0)).toBe('N');
    expect(exitSide(g, 7, 1)).toBeNull();
    expect(exitSide(g, 15, 5)).toBe('E');
    expect(exitSide(g, 14, 5)).toBeNull();
    expect(exitSide(g, 0, 5)).toBeNull();
    expect(exitSide(g, 5, 5)).toBeNull();
    expect(exitSide(g, -1, 5)).toBeNull();
  });

  it('arrives just inside the facing door, nearest to where the hero crossed', () => {
    const next = emptyRoom();
    stampDoors(next, { N: false, E: false, S: true, W: true });
    expect(arrivalCell('N', 7.2, next)).toEqual([7, 8]);
    expect(arrivalCell('N', 8.9, next)).toEqual([8, 8]);
    expect(arrivalCell('E', 6.5, next)).toEqual([2, 6]);
    const blocked = Grid.fromRows(next.toRows());
    blocked.set(7, 8, 'B');
    blocked.set(8, 8, 'B');
    expect(arrivalCell('N', 7.2, blocked)).toEqual([7, 9]);
  });

  it('finds neighbours in a generated world, and none beyond its edge', () => {
    const world = generateWorld('doors');
    expect(neighbourRoom(world, 0, 0, 'E')).toMatchObject({ x: 1, y: 0 });
    expect(neighbourRoom(world, 0, 0, 'N')).toBeUndefined();
  });
});
