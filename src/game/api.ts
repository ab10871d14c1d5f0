import type { Facing } from '../art/hero';
import { Grid } from '../core/grid';
import type { ParamsOverride, WorldParams } from '../core/params';
import type { DialogueLine, Room, World } from '../core/schema';
import { serializeWorld } from '../pipeline/export/worldJson';
import { worldToTiled } from '../pipeline/export/tiled';
import type { App } from './app';
import type { ModelStatus } from './boot/generators';
import type { ControllerEvent, ControllerEvents } from './controller';
import { visibleText } from './rules/dialogue';

/** The hero as the window API reports it. */
export interface PlayerInfo {
  /** Current room and tile (integer tile coordinates inside the room). */
  roomX: number;
  roomY: number;
  x: number;
  y: number;
  hp: number;
  maxHp: number;
  /** Position inside the room in pixels (16 per tile), for finer tests. */
  px: number;
  py: number;
  facing: Facing;
  coins: number;
  gems: number;
  keys: number;
  outcome: 'playing' | 'won' | 'dead';
}

/**
 * `window.worldsmith`: the game for power users, tests and the debug panel. The first eight
 * members are the documented contract; the rest drive the internals (params, rooms, events).
 */
export interface WorldsmithApi {
  /** Resolves when the first world is on screen. */
  readonly ready: Promise<void>;
  /** Seed of the world on screen. */
  readonly seed: string;
  /** Generates and shows the world of `seed` (fresh seed when omitted); resolves when shown. */
  regenerate(seed?: string): Promise<void>;
  /** The world as JSON (the exact content of the `.world.json` download). */
  exportWorld(): object;
  /** The whole world as a Tiled map (the `.tmj` download). */
  exportTiled(): object;
  /** Validates and plays a world (object or JSON text); rejects with the validator's Error. */
  importWorld(json: unknown): Promise<void>;
  player(): PlayerInfo;
  /** Frames per second of the game loop (Phaser's measured rate). */
  fps(): number;

  // Extensions for the debug panel ---------------------------------------------------------
  /** Params of the current world. */
  params(): WorldParams;
  /** Regenerates the current seed with some params changed (nested groups merge). */
  setParams(override: ParamsOverride): Promise<void>;
  /** A deep copy of the current world. */
  world(): World;
  /** A copy of the room the hero is in. */
  currentRoom(): Room;
  /** Replaces a room's tiles live; throws the validator's Error if the world would break. */
  setRoomTiles(roomX: number, roomY: number, tiles: string[]): void;
  /** Replaces an NPC's lines live; throws the validator's Error if they are not valid. */
  setNpcLines(npcId: string, lines: DialogueLine[]): void;
  /** Moves the hero to tile (x, y) of room (roomX, roomY). */
  teleport(roomX: number, roomY: number, x: number, y: number): void;
  /** Rebuilds the map and actors from the current world, keeping the hero where it is. */
  redraw(): void;
  /** The open conversation: speaker, the line as typed so far, and whether it is a placeholder. */
  dialogue(): { npc: string; speaker: string; line: number; lines: number; text: string; placeholder: boolean } | null;
  /** Which models loaded and which fell back. */
  models(): ModelStatus[];
  /** Where worlds are built: in the world worker, or on the page (with the reason the worker could not start). */
  builder(): { where: 'worker' | 'page'; reason?: string };
  /** Subscribes to controller events; returns the unsubscribe function. */
  on<E extends ControllerEvent>(event: E, fn: (payload: ControllerEvents[E]) => void): () => void;
}

declare global {
  interface Window {
    worldsmith: WorldsmithApi;
  }
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Builds the API over the app. Methods other than `ready` throw until the game is ready. */
export function createApi(app: App): WorldsmithApi {
  const view = () => {
    if (!app.view) throw new Error('worldsmith: the game scene is not running');
    return app.view;
  };
  return {
    ready: app.ready,
    get seed() {
      return app.controller?.seed ?? '';
    },
    regenerate: async (seed) => {
      await app.regenerate(seed);
    },
    exportWorld: () => JSON.parse(serializeWorld(app.ctl.world)) as object,
    exportTiled: () => copy(worldToTiled(app.ctl.world)),
    importWorld: async (json) => {
      await app.importWorld(json);
    },
    player: () => {
      const { session } = app.ctl;
      const hero = view().hero();
      const px = hero?.px ?? 0;
      const py = hero?.py ?? 0;
      const s = session.stats;
      return {
        roomX: session.roomX,
        roomY: session.roomY,
        x: Math.floor(px / 16),
        y: Math.floor(py / 16),
        hp: s.hp,
        maxHp: s.maxHp,
        px,
        py,
        facing: hero?.facing ?? 'down',
        coins: s.coins,
        gems: s.gems,
        keys: s.keys,
        outcome: session.outcome,
      };
    },
    fps: () => view().fps(),
    params: () => copy(app.ctl.params),
    setParams: async (override) => {
      await app.ready;
      const shown = app.ctl.once('shown');
      await app.ctl.regenerate(app.ctl.seed, override);
      await shown;
    },
    world: () => copy(app.ctl.world),
    currentRoom: () => copy(app.ctl.currentRoom()),
    setRoomTiles: (roomX, roomY, tiles) => {
      app.ctl.setRoomTiles(roomX, roomY, tiles);
    },
    setNpcLines: (npcId, lines) => {
      app.ctl.setNpcLines(npcId, lines);
    },
    teleport: (roomX, roomY, x, y) => {
      const room = app.ctl.world.rooms.find((r) => r.x === roomX && r.y === roomY);
      if (!room) throw new Error(`teleport: no room at (${roomX},${roomY})`);
      if (!Grid.fromRows(room.tiles).walkable(x, y)) throw new Error(`teleport: tile (${x},${y}) of room (${roomX},${roomY}) is not walkable`);
      view().teleport(roomX, roomY, x, y);
    },
    redraw: () => view().redraw(),
    dialogue: () => {
      const c = app.ctl.conversation;
      if (!c) return null;
      return { npc: c.npcId, speaker: c.speaker, line: c.index, lines: c.lines.length, text: visibleText(c, performance.now()), placeholder: c.placeholder };
    },
    models: () => copy(app.statuses),
    builder: () => copy(app.builder),
    on: (event, fn) => app.ctl.on(event, fn),
  };
}
