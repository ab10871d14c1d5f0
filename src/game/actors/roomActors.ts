import Phaser from 'phaser';
import { createRng, type Rng } from '../../core/rng';
import type { Entity, Room } from '../../core/schema';
import { ROOM_H, ROOM_W } from '../../core/grid';
import type { SpriteAtlas } from '../adapters/textures';
import { TEX } from '../adapters/textures';
import { DEPTH, TILE } from '../layout';
import { newMind, stun, think, type EnemyMind } from '../rules/enemyAi';
import { overlaps, strike, SWORD_RULES, type Rect } from '../rules/combat';
import type { Talker } from '../rules/dialogue';
import { spriteKeyOf } from '../sprites/worldSprites';

type ActorSprite = Phaser.Physics.Arcade.Sprite;

/** Per-sprite state kept beside a Phaser sprite. */
export interface ActorState {
  entity: Entity;
  baseFrame: number;
  hp: number;
  mind: EnemyMind;
  rng: Rng | null;
  opened: boolean;
}

export interface StrikeReport {
  slain: Entity[];
  chests: Entity[];
}

/**
 * The things in the current room as Phaser sprites, in four physics groups: enemies (move,
 * think), NPCs and chests (solid, immovable) and pickups (items and the goal, overlap only).
 */
export class RoomActors {
  readonly enemies: Phaser.Physics.Arcade.Group;
  readonly npcs: Phaser.Physics.Arcade.Group;
  readonly chests: Phaser.Physics.Arcade.Group;
  readonly pickups: Phaser.Physics.Arcade.Group;
  private readonly state = new Map<ActorSprite, ActorState>();

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly atlas: SpriteAtlas,
    private readonly seed: string,
  ) {
    this.enemies = scene.physics.add.group();
    this.npcs = scene.physics.add.group({ immovable: true });
    this.chests = scene.physics.add.group({ immovable: true });
    this.pickups = scene.physics.add.group();
  }

  stateOf(sprite: ActorSprite): ActorState | undefined {
    return this.state.get(sprite);
  }

  /** Creates sprites for `entities` of `room`; `opened` chests show as open. */
  spawn(room: Room, entities: readonly Entity[], opened: ReadonlySet<string>): void {
    this.clear();
    for (const e of entities) {
      const x = (room.x * ROOM_W + e.x + 0.5) * TILE;
      const y = (room.y * ROOM_H + e.y + 0.5) * TILE;
      const group = e.kind === 'enemy' ? this.enemies : e.kind === 'npc' ? this.npcs : e.kind === 'chest' ? this.chests : this.pickups;
      const baseFrame = this.atlas.frameOf(spriteKeyOf(e));
      const sprite = group.create(x, y, this.atlas.texture, baseFrame) as ActorSprite;
      sprite.setDepth(DEPTH.actors + y);
      const body = sprite.body as Phaser.Physics.Arcade.Body;
      if (e.kind === 'enemy') {
        body.setSize(12, 10).setOffset(2, 5);
        sprite.setCollideWorldBounds(true);
      } else if (e.kind === 'npc' || e.kind === 'chest') {
        body.setSize(14, 12).setOffset(1, 4);
        body.pushable = false;
      } else {
        body.setSize(10, 10).setOffset(3, 3);
      }
      const state: ActorState = {
        entity: e,
        baseFrame,
        hp: e.kind === 'enemy' ? e.hp : 1,
        mind: newMind(),
        rng: e.kind === 'enemy' ? createRng(`${this.seed}/ai/${e.id}`) : null,
        opened: e.kind === 'chest' && opened.has(e.id),
      };
      this.state.set(sprite, state);
      if (state.opened) this.showOpened(sprite);
      if (e.kind === 'goal') this.markGoal(sprite);
    }
  }

  /** Removes every sprite of the room. */
  clear(): void {
    for (const sprite of this.state.keys()) {
      this.scene.tweens.killTweensOf(sprite);
      sprite.destroy();
    }
    this.state.clear();
  }

  /** Enemy decisions and idle animation. `hero` is null when enemies must not chase. */
  update(now: number, hero: { x: number; y: number } | null): void {
    const step = Math.floor(now / 380) % 2;
    for (const [sprite, s] of this.state) {
      if (!s.opened) sprite.setFrame(s.baseFrame + step);
      if (s.entity.kind !== 'enemy' || !s.rng) continue;
      const body = sprite.body as Phaser.Physics.Arcade.Body;
      if (s.mind.mode === 'wander' && !body.blocked.none) s.mind = { ...s.mind, until: 0 };
      s.mind = think(s.mind, { x: body.center.x, y: body.center.y, speed: s.entity.speed, guard: s.entity.guard }, hero, now, s.rng);
      if (s.mind.mode !== 'stunned') sprite.setVelocity(s.mind.vx, s.mind.vy);
      // Creature sprites are drawn facing left, like most of the emoji they learnt from (the GAN
      // keeps their profiles; procedural ones are symmetric): mirror them when walking right.
      if (s.mind.vx !== 0) sprite.setFlipX(s.mind.vx > 0);
      sprite.setDepth(DEPTH.actors + sprite.y);
    }
  }

  /**
   * A sword swing over `area` from a hero at (hx, hy): enemies in it take damage and reel back
   * (or die in a puff), chests in it open. Returns what was slain and opened.
   */
  strikeArea(area: Rect, hx: number, hy: number, now: number): StrikeReport {
    const report: StrikeReport = { slain: [], chests: [] };
    for (const [sprite, s] of [...this.state]) {
      const body = sprite.body as Phaser.Physics.Arcade.Body;
      if (!overlaps(area, { x: body.x, y: body.y, w: body.width, h: body.height })) continue;
      if (s.entity.kind === 'chest' && !s.opened) report.chests.push(s.entity);
      if (s.entity.kind !== 'enemy') continue;
      const hit = strike(s.hp, SWORD_RULES.damage, hx, hy, body.center.x, body.center.y);
      s.hp = hit.hp;
      if (hit.dead) {
        this.puff(sprite.x, sprite.y);
        this.state.delete(sprite);
        sprite.destroy();
        report.slain.push(s.entity);
        continue;
      }
      s.mind = stun(now, hit.vx, hit.vy, SWORD_RULES.stunMs);
      sprite.setVelocity(hit.vx, hit.vy);
      sprite.setTint(0xffffff).setTintMode(Phaser.TintModes.FILL);
      this.scene.time.delayedCall(110, () => sprite.active && sprite.clearTint().setTintMode(Phaser.TintModes.MULTIPLY));
    }
    return report;
  }

  /** Shows a chest as opened (it stays, dimmed). */
  openChest(sprite: ActorSprite): void {
    const s = this.state.get(sprite);
    if (!s || s.opened) return;
    s.opened = true;
    this.showOpened(sprite);
  }

  /** The chest sprite of an entity id, if it is in the room. */
  spriteOf(id: string): ActorSprite | undefined {
    for (const [sprite, s] of this.state) if (s.entity.id === id) return sprite;
    return undefined;
  }

  /** Removes a taken pickup with a little hop. */
  removePickup(sprite: ActorSprite): void {
    this.state.delete(sprite);
    (sprite.body as Phaser.Physics.Arcade.Body).enable = false;
    this.scene.tweens.add({ targets: sprite, y: sprite.y - 10, alpha: 0, duration: 260, onComplete: () => sprite.destroy() });
  }

  talkers(): Talker[] {
    const out: Talker[] = [];
    for (const [sprite, s] of this.state) if (s.entity.kind === 'npc') out.push({ id: s.entity.npc, x: sprite.x, y: sprite.y });
    return out;
  }

  /** Every enemy stands still (while talking or crossing a door). */
  freeze(): void {
    for (const sprite of this.state.keys()) if (sprite.body) sprite.setVelocity(0, 0);
  }

  private showOpened(sprite: ActorSprite): void {
    sprite.setFrame(this.state.get(sprite)!.baseFrame).setTint(0x777777).setAlpha(0.8);
  }

  private markGoal(sprite: ActorSprite): void {
    this.scene.tweens.add({ targets: sprite, y: sprite.y - 3, duration: 600, yoyo: true, repeat: -1, ease: 'Sine.easeInOut' });
    const glow = this.scene.add.circle(sprite.x, sprite.y + 5, 7, 0xfff0a0, 0.35).setDepth(DEPTH.ground);
    this.scene.tweens.add({ targets: glow, scale: 1.4, alpha: 0.1, duration: 700, yoyo: true, repeat: -1 });
    sprite.once('destroy', () => glow.destroy());
  }

  private puff(x: number, y: number): void {
    const puff = this.scene.add.sprite(x, y, TEX.puff, 0).setDepth(DEPTH.effects);
    let frame = 0;
    this.scene.time.addEvent({
      delay: 90,
      repeat: 2,
      callback: () => {
        frame++;
        if (frame > 2) puff.destroy();
        else puff.setFrame(frame);
      },
    });
  }
}
