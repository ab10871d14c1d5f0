import Phaser from 'phaser';
import { Grid, ROOM_H, ROOM_W } from '../../core/grid';
import type { App, GameView } from '../app';
import type { WorldController } from '../controller';
import { registerWorldSprites } from '../adapters/textures';
import { buildWorldMap, redrawRoom, type WorldMap } from '../adapters/worldMap';
import { HeroActor } from '../actors/heroActor';
import { RoomActors } from '../actors/roomActors';
import { HUD_H, ROOM_PX_H, ROOM_PX_W, TILE, VIEW_H, VIEW_W, ZOOM } from '../layout';
import { strike } from '../rules/combat';
import { advanceConversation, openConversation, talkTarget } from '../rules/dialogue';
import { arrivalCell, exitSide, neighbourRoom } from '../rules/doors';
import { facingVector } from '../rules/movement';
import { PLAYER_RULES } from '../rules/player';
import { presentEntities, slay, take, touchEnemy } from '../rules/session';
import type { Entity } from '../../core/schema';

type Keys = Record<'UP' | 'DOWN' | 'LEFT' | 'RIGHT' | 'W' | 'A' | 'S' | 'D' | 'SPACE' | 'E', Phaser.Input.Keyboard.Key>;
type Body = Phaser.Types.Physics.Arcade.GameObjectWithBody | Phaser.Physics.Arcade.Body | Phaser.Physics.Arcade.StaticBody | Phaser.Tilemaps.Tile;

/** Where the hero appears when the scene (re)starts. */
export interface GameSceneData {
  at?: { roomX: number; roomY: number; x: number; y: number };
}

/**
 * The play scene: one room on screen, the hero, the room's actors, doors to the neighbours.
 * Rules come from ../rules; this scene only wires input, physics and the camera to them.
 */
export class GameScene extends Phaser.Scene implements GameView {
  private app!: App;
  private ctl!: WorldController;
  private player!: HeroActor;
  private actors!: RoomActors;
  private worldMap!: WorldMap;
  private grid!: Grid;
  private keys!: Keys;
  private crossing = false;

  constructor() {
    super('Game');
  }

  create(data: GameSceneData): void {
    this.app = this.registry.get('app') as App;
    this.ctl = this.app.ctl;
    const world = this.ctl.world;
    this.crossing = false;
    this.cameras.main.setViewport(0, HUD_H, VIEW_W, VIEW_H).setZoom(ZOOM).setRoundPixels(true).setBackgroundColor('#08080c');
    this.worldMap = buildWorldMap(this, world);
    this.actors = new RoomActors(this, registerWorldSprites(this, world, this.ctl.sprites), world.seed);
    this.player = new HeroActor(this, 0, 0);
    this.addColliders();
    this.keys = this.input.keyboard!.addKeys('UP,DOWN,LEFT,RIGHT,W,A,S,D,SPACE,E') as Keys;
    const at = data?.at ?? world.start;
    this.showRoom(at.roomX, at.roomY, at.x, at.y);
    const offs = [
      this.ctl.on('world', () => this.scene.restart({})),
      this.ctl.on('tiles', (room) => {
        redrawRoom(this.worldMap.layer, room);
        if (room.x === this.ctl.session.roomX && room.y === this.ctl.session.roomY) this.grid = Grid.fromRows(room.tiles);
      }),
    ];
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      offs.forEach((off) => off());
      if (this.app.view === this) this.app.view = null;
    });
    this.app.view = this;
    this.ctl.emit('shown', world);
  }

  update(time: number, delta: number): void {
    const session = this.ctl.session;
    if (session.outcome !== 'playing' || this.crossing) return;
    const k = this.keys;
    const JustDown = Phaser.Input.Keyboard.JustDown;
    if (this.ctl.conversation) {
      if (JustDown(k.E) || JustDown(k.SPACE)) this.advanceTalk();
      return;
    }
    if (JustDown(k.SPACE)) this.attack(time);
    if (JustDown(k.E)) this.talk();
    if (this.ctl.conversation) return;
    const keys = { up: k.UP.isDown || k.W.isDown, down: k.DOWN.isDown || k.S.isDown, left: k.LEFT.isDown || k.A.isDown, right: k.RIGHT.isDown || k.D.isDown };
    this.player.drive(keys, time, delta);
    this.actors.update(time, this.player.center());
    this.checkDoor();
  }

  // GameView ------------------------------------------------------------------------------
  hero(): { px: number; py: number; facing: HeroActor['facing'] } | null {
    if (!this.player) return null;
    const c = this.player.center();
    return { px: c.x - this.ctl.session.roomX * ROOM_PX_W, py: c.y - this.ctl.session.roomY * ROOM_PX_H, facing: this.player.facing };
  }

  teleport(roomX: number, roomY: number, x: number, y: number): void {
    this.showRoom(roomX, roomY, x, y);
  }

  redraw(): void {
    const h = this.hero();
    const s = this.ctl.session;
    this.scene.restart({ at: { roomX: s.roomX, roomY: s.roomY, x: Math.floor((h?.px ?? 0) / TILE), y: Math.floor((h?.py ?? 0) / TILE) } });
  }

  fps(): number {
    return this.game.loop.actualFps;
  }

  // Rooms ---------------------------------------------------------------------------------
  private showRoom(roomX: number, roomY: number, x: number, y: number): void {
    const room = this.ctl.enterRoom(roomX, roomY);
    this.grid = Grid.fromRows(room.tiles);
    this.actors.spawn(room, presentEntities(this.ctl.session, room), this.ctl.session.opened);
    // Bounds first: placing the hero clamps it into the current bounds.
    this.physics.world.setBounds(roomX * ROOM_PX_W, roomY * ROOM_PX_H, ROOM_PX_W, ROOM_PX_H);
    this.player.placeAtTile(roomX * ROOM_W + x, roomY * ROOM_H + y);
    this.cameras.main.centerOn((roomX + 0.5) * ROOM_PX_W, (roomY + 0.5) * ROOM_PX_H);
  }

  /** Standing on a door tile at the room's edge: slide over to the neighbour room. */
  private checkDoor(): void {
    const { roomX, roomY } = this.ctl.session;
    const c = this.player.center();
    const fx = c.x / TILE - roomX * ROOM_W;
    const fy = c.y / TILE - roomY * ROOM_H;
    const side = exitSide(this.grid, Math.floor(fx), Math.floor(fy));
    if (!side) return;
    const next = neighbourRoom(this.ctl.world, roomX, roomY, side);
    if (!next) return;
    const [ax, ay] = arrivalCell(side, side === 'N' || side === 'S' ? fx : fy, Grid.fromRows(next.tiles));
    this.crossing = true;
    this.physics.pause();
    this.player.halt();
    const room = this.ctl.enterRoom(next.x, next.y);
    this.grid = Grid.fromRows(room.tiles);
    this.actors.spawn(room, presentEntities(this.ctl.session, room), this.ctl.session.opened);
    this.physics.world.setBounds(next.x * ROOM_PX_W, next.y * ROOM_PX_H, ROOM_PX_W, ROOM_PX_H);
    this.player.placeAtTile(next.x * ROOM_W + ax, next.y * ROOM_H + ay);
    this.cameras.main.pan((next.x + 0.5) * ROOM_PX_W, (next.y + 0.5) * ROOM_PX_H, 340, 'Sine.easeInOut', true, (_cam, progress) => {
      if (progress < 1) return;
      this.crossing = false;
      this.physics.resume();
    });
  }

  // Combat, pickups, talk -------------------------------------------------------------------
  private addColliders(): void {
    const add = this.physics.add;
    const { enemies, npcs, chests, pickups } = this.actors;
    const hero = this.player.sprite;
    add.collider(hero, this.worldMap.layer);
    add.collider(enemies, this.worldMap.layer);
    add.collider(enemies, npcs);
    add.collider(enemies, chests);
    add.collider(hero, npcs);
    add.collider(hero, chests, (_h, chest) => this.openChest(this.entityOf(chest)));
    add.overlap(hero, pickups, (_h, item) => this.pickUp(item));
    add.overlap(hero, enemies, (_h, enemy) => this.hurtBy(enemy));
  }

  private entityOf(obj: Body): Entity | undefined {
    return this.actors.stateOf(obj as Phaser.Physics.Arcade.Sprite)?.entity;
  }

  private attack(now: number): void {
    const area = this.player.swing(now);
    if (!area) return;
    const c = this.player.center();
    const report = this.actors.strikeArea(area, c.x, c.y, now);
    for (const e of report.slain) slay(this.ctl.session, e.id);
    for (const e of report.chests) this.openChest(e);
  }

  private openChest(e: Entity | undefined): void {
    if (!e || e.kind !== 'chest') return;
    const notice = take(this.ctl.session, e);
    if (!notice) return;
    const sprite = this.actors.spriteOf(e.id);
    if (sprite) this.actors.openChest(sprite);
    this.ctl.notify(notice);
    this.ctl.touch();
  }

  private pickUp(obj: Body): void {
    const e = this.entityOf(obj);
    if (!e) return;
    const notice = take(this.ctl.session, e);
    if (!notice) return;
    this.actors.removePickup(obj as Phaser.Physics.Arcade.Sprite);
    this.ctl.notify(notice);
    this.ctl.touch();
    if (this.ctl.session.outcome === 'won') this.finish('Win');
  }

  private hurtBy(obj: Body): void {
    const now = this.time.now;
    if (!touchEnemy(this.ctl.session, now)) return;
    const enemy = obj as Phaser.Physics.Arcade.Sprite;
    const c = this.player.center();
    const push = strike(1, 0, enemy.x, enemy.y, c.x, c.y, PLAYER_RULES.knockback);
    this.player.knock(push.vx, push.vy, now);
    this.cameras.main.shake(90, 0.004);
    this.ctl.touch();
    if (this.ctl.session.outcome === 'dead') this.finish('GameOver');
  }

  private finish(scene: 'Win' | 'GameOver'): void {
    this.physics.pause();
    this.player.halt();
    if (scene === 'GameOver') this.player.sprite.setTint(0xff6060);
    this.scene.launch(scene);
  }

  private talk(): void {
    const c = this.player.center();
    const [fx, fy] = facingVector(this.player.facing);
    const target = talkTarget(c.x, c.y, fx, fy, this.actors.talkers());
    if (!target) return;
    const conv = openConversation(this.ctl.world, target.id, performance.now());
    if (!conv) return;
    this.ctl.conversation = conv;
    this.player.halt();
    this.actors.freeze();
    this.physics.pause();
    this.ctl.touch();
  }

  private advanceTalk(): void {
    if (!this.ctl.conversation) return;
    this.ctl.conversation = advanceConversation(this.ctl.conversation, performance.now());
    if (!this.ctl.conversation) this.physics.resume();
    this.ctl.touch();
  }
}
