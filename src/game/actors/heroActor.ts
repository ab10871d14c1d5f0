import Phaser from 'phaser';
import { heroFrame, type Facing } from '../../art/hero';
import { SWORD_RULES, swordHitbox, type Rect } from '../rules/combat';
import { facingVector, moveFromKeys, type DirectionKeys } from '../rules/movement';
import { PLAYER_RULES } from '../rules/player';
import { TEX } from '../adapters/textures';
import { DEPTH, TILE } from '../layout';

/** The hero's body: a 10×8 box at the feet of the 16×16 sprite; (dx, dy) = its centre from the sprite's. */
const BODY = { w: 10, h: 8, ox: 3, oy: 8, dx: 3 + 5 - 8, dy: 8 + 4 - 8 } as const;

const SWORD_ANGLE: Readonly<Record<Facing, number>> = { up: 0, right: 90, down: 180, left: 270 };

/** The hero on screen: a physics sprite that walks, faces, swings a sword and blinks when hurt. */
export class HeroActor {
  readonly sprite: Phaser.Physics.Arcade.Sprite;
  facing: Facing = 'down';
  private readonly sword: Phaser.GameObjects.Image;
  private swingUntil = 0;
  private nextSwing = 0;
  private knockUntil = 0;
  private stepTime = 0;

  constructor(private readonly scene: Phaser.Scene, x: number, y: number) {
    this.sprite = scene.physics.add.sprite(x, y, TEX.hero, heroFrame('down', 0));
    // A small body at the feet, so the hero slips through 2-tile doors and past corners.
    this.sprite.body!.setSize(BODY.w, BODY.h).setOffset(BODY.ox, BODY.oy);
    this.sprite.setCollideWorldBounds(true);
    this.sword = scene.add.image(x, y, TEX.sword).setOrigin(0.5, 0.92).setVisible(false);
  }

  get body(): Phaser.Physics.Arcade.Body {
    return this.sprite.body as Phaser.Physics.Arcade.Body;
  }

  /**
   * Centre of the body (the hero's feet area), in world px. Derived from the sprite, which is
   * current even while physics is paused (the body catches up on the next step).
   */
  center(): { x: number; y: number } {
    return { x: this.sprite.x + BODY.dx, y: this.sprite.y + BODY.dy };
  }

  /** Places the hero with its body centred on world tile (tx, ty). */
  placeAtTile(tx: number, ty: number): void {
    this.sprite.body!.reset((tx + 0.5) * TILE - BODY.dx, (ty + 0.5) * TILE - BODY.dy);
    this.halt();
  }

  halt(): void {
    this.sprite.setVelocity(0, 0);
    this.sprite.setFrame(heroFrame(this.facing, 0));
  }

  /** Walks by the held keys (ignored while swinging or reeling from a hit). */
  drive(keys: DirectionKeys, now: number, delta: number): void {
    this.sprite.setDepth(DEPTH.actors + this.sprite.y);
    if (now < this.knockUntil) return;
    if (now < this.swingUntil) {
      this.sprite.setVelocity(0, 0);
      return;
    }
    const move = moveFromKeys(keys, PLAYER_RULES.speed, this.facing);
    this.facing = move.facing;
    this.sprite.setVelocity(move.vx, move.vy);
    this.stepTime = move.moving ? this.stepTime + delta : 0;
    this.sprite.setFrame(heroFrame(this.facing, move.moving && Math.floor(this.stepTime / 160) % 2 === 1 ? 1 : 0));
  }

  /** Starts a sword swing if the sword is ready; returns the area it strikes, or null. */
  swing(now: number): Rect | null {
    if (now < this.nextSwing) return null;
    this.swingUntil = now + SWORD_RULES.swingMs;
    this.nextSwing = now + SWORD_RULES.cooldownMs;
    this.sprite.setVelocity(0, 0);
    const { x, y } = this.center();
    const [fx, fy] = facingVector(this.facing);
    const base = SWORD_ANGLE[this.facing];
    this.sword
      .setPosition(x + fx * 3, y + fy * 3 - 2)
      .setAngle(base - 50)
      .setVisible(true)
      .setDepth(this.facing === 'up' ? this.sprite.depth - 1 : this.sprite.depth + 1);
    this.scene.tweens.add({
      targets: this.sword,
      angle: base + 40,
      duration: SWORD_RULES.swingMs,
      ease: 'Quad.easeOut',
      onComplete: () => this.sword.setVisible(false),
    });
    return swordHitbox(this.facing, x, y);
  }

  swinging(now: number): boolean {
    return now < this.swingUntil;
  }

  /** Pushed away by a hit: velocity (px/s) for a moment, then blinks while invulnerable. */
  knock(vx: number, vy: number, now: number): void {
    this.knockUntil = now + PLAYER_RULES.knockbackMs;
    this.sprite.setVelocity(vx, vy);
    this.scene.tweens.add({
      targets: this.sprite,
      alpha: 0.25,
      duration: 90,
      yoyo: true,
      repeat: Math.floor(PLAYER_RULES.invulnerableMs / 180) - 1,
      onComplete: () => this.sprite.setAlpha(1),
    });
  }

  destroy(): void {
    this.sword.destroy();
    this.sprite.destroy();
  }
}
