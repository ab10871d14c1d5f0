import type { Entity, Room, World } from '../../core/schema';
import { collectItem, hurtPlayer, newPlayerStats, type PlayerStats } from './player';

export type Outcome = 'playing' | 'won' | 'dead';

/**
 * One play-through of a world: where the hero is, what they carry, and what is gone from the
 * world (slain enemies, taken items, opened chests). Slain enemies stay dead and taken items
 * stay taken when the hero comes back to a room. Retrying a world starts a new session.
 */
export interface Session {
  readonly world: World;
  roomX: number;
  roomY: number;
  stats: PlayerStats;
  /** Ids of entities no longer in the world (slain, taken). */
  readonly gone: Set<string>;
  /** Ids of chests already opened (they stay, open). */
  readonly opened: Set<string>;
  outcome: Outcome;
}

export function newSession(world: World): Session {
  return {
    world,
    roomX: world.start.roomX,
    roomY: world.start.roomY,
    stats: newPlayerStats(),
    gone: new Set(),
    opened: new Set(),
    outcome: 'playing',
  };
}

/** The room at (x, y); throws naming the position when the world has none there. */
export function roomAt(world: World, x: number, y: number): Room {
  const room = world.rooms.find((r) => r.x === x && r.y === y);
  if (!room) throw new Error(`no room at (${x},${y}) in a ${world.width}×${world.height} world`);
  return room;
}

/** Entities of a room still present in this session. */
export function presentEntities(session: Session, room: Room): Entity[] {
  return room.entities.filter((e) => !session.gone.has(e.id));
}

/**
 * The hero touches or strikes `e`. Items are taken, a chest opens once and gives its item, the
 * goal wins the world. Returns the HUD notice, or null when nothing happened.
 */
export function take(session: Session, e: Entity): string | null {
  if (session.outcome !== 'playing' || session.gone.has(e.id)) return null;
  switch (e.kind) {
    case 'item': {
      const r = collectItem(session.stats, e.item);
      session.stats = r.stats;
      session.gone.add(e.id);
      return r.notice;
    }
    case 'chest': {
      if (session.opened.has(e.id)) return null;
      session.opened.add(e.id);
      const r = collectItem(session.stats, e.item);
      session.stats = r.stats;
      return `Chest opened: ${r.notice}`;
    }
    case 'goal':
      session.gone.add(e.id);
      session.outcome = 'won';
      return `You found ${session.world.quest.item}!`;
    default:
      return null;
  }
}

/** An enemy was slain: it stays gone for this session. */
export function slay(session: Session, enemyId: string): void {
  session.gone.add(enemyId);
}

/** An enemy touched the hero at game time `now`. Returns true when a heart was lost. */
export function touchEnemy(session: Session, now: number): boolean {
  if (session.outcome !== 'playing') return false;
  const r = hurtPlayer(session.stats, now);
  session.stats = r.stats;
  if (r.dead) session.outcome = 'dead';
  return r.hurt;
}
