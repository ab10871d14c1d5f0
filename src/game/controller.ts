import { Grid } from '../core/grid';
import { resolveParams, type ParamsOverride, type WorldParams } from '../core/params';
import { isValidSeed } from '../core/rng';
import type { DialogueLine, Npc, Room, World } from '../core/schema';
import { validateWorld, WorldValidationError } from '../core/validate';
import type { SpriteSampler } from '../pipeline/ports';
import type { SpriteSamplers } from './boot/generators';
import type { Generators } from '../pipeline/world';
import { inPageBuilder, type WorldBuilder } from './boot/worldBuilder';
import type { Conversation } from './rules/dialogue';
import { newSession, roomAt, type Session } from './rules/session';

/** What the HUD shows in its notice line. */
export interface Notice {
  text: string;
  kind: 'info' | 'warn' | 'error';
  /** performance.now() when it was posted; transient notices fade after a few seconds. */
  at: number;
}

/** Events of the controller, with their payloads. */
export interface ControllerEvents {
  /** A new world (generated, imported or retried): the game rebuilds everything. */
  world: World;
  /** The game finished showing the current world (scenes built, player placed). */
  shown: World;
  /** The hero entered a room. */
  room: Room;
  /** A room's tiles were replaced live (debug panel). */
  tiles: Room;
  notice: Notice;
  /** Stats, conversation or outcome changed (the HUD redraws). */
  state: Session;
}
export type ControllerEvent = keyof ControllerEvents;
type Listener<E extends ControllerEvent> = (payload: ControllerEvents[E]) => void;
interface Waiter {
  resolve: (world: World) => void;
  reject: (error: Error) => void;
}

/**
 * The game's state outside Phaser: the current world, its params, where worlds are built, the play
 * session, the open conversation and the HUD notices. Scenes read it and call it; the window
 * API and the debug panel drive it. Plain TypeScript, tested in Node.
 */
export class WorldController {
  world!: World;
  session!: Session;
  params: WorldParams;
  conversation: Conversation | null = null;
  /** True when the current world came from a file rather than from its seed. */
  imported = false;
  /** Notices that stay on screen (a model fell back to its classic peer). */
  readonly standing: string[] = [];
  notices: Notice[] = [];
  /** Bumped on every change the HUD shows, so it redraws only when needed. */
  version = 0;
  private readonly listeners = new Map<ControllerEvent, Set<Listener<ControllerEvent>>>();

  /** The newest build asked for and not yet started, with everyone waiting for a world. */
  private wanted: { seed: string; params: WorldParams; waiters: Waiter[] } | null = null;
  private building = false;
  /** Bumped by an import: a build that was running then is not shown. */
  private epoch = 0;

  private readonly build: WorldBuilder;

  /**
   * @param worlds where worlds are made: a builder (the game's world worker), or the generators
   *   to build them with right here (Node, tests)
   */
  constructor(
    worlds: WorldBuilder | Generators,
    readonly samplers: SpriteSamplers,
    params: ParamsOverride = {},
  ) {
    this.build = typeof worlds === 'function' ? worlds : inPageBuilder(worlds);
    this.params = resolveParams(params);
  }

  /** The sprite sampler the current world asks for (the GAN only when it loaded). */
  get sprites(): SpriteSampler {
    return this.world?.params.sprites.source === 'gan' && this.samplers.gan ? this.samplers.gan : this.samplers.procedural;
  }

  on<E extends ControllerEvent>(event: E, fn: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn as Listener<ControllerEvent>);
    return () => set!.delete(fn as Listener<ControllerEvent>);
  }

  /** Resolves with the next payload of `event`. */
  once<E extends ControllerEvent>(event: E): Promise<ControllerEvents[E]> {
    return new Promise((resolve) => {
      const off = this.on(event, (p) => {
        off();
        resolve(p);
      });
    });
  }

  emit<E extends ControllerEvent>(event: E, payload: ControllerEvents[E]): void {
    if (event !== 'shown') this.version++;
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(payload);
  }

  get seed(): string {
    return this.world?.seed ?? '';
  }

  /**
   * Builds the world of `seed` with the current params (plus `override`, which becomes the
   * current params at once, so overrides asked for in a row add up) and starts it. Resolves with
   * the world shown; rejects on a bad seed or params (nothing changes) or a failed build (the
   * params go back to the world's on screen). Asked again while a world is being built, the
   * newest request wins: the builds in between are skipped, and every caller gets the world that
   * is started.
   */
  regenerate(seed: string, override?: ParamsOverride): Promise<World> {
    if (!isValidSeed(seed)) return Promise.reject(new Error(`seed: expected 1-32 letters, digits, _ or -, got ${JSON.stringify(seed)}`));
    let params: WorldParams;
    try {
      params = override ? mergeParams(this.params, override) : this.params;
    } catch (e) {
      return Promise.reject(e as Error);
    }
    this.params = params;
    return new Promise((resolve, reject) => {
      this.wanted = { seed, params, waiters: [...(this.wanted?.waiters ?? []), { resolve, reject }] };
      void this.buildWanted();
    });
  }

  private async buildWanted(): Promise<void> {
    if (this.building) return;
    this.building = true;
    while (this.wanted) {
      const job = this.wanted;
      this.wanted = null;
      const epoch = this.epoch;
      try {
        const world = await this.build(job.seed, job.params);
        // Asked for another world meanwhile (TS cannot see that the await may have set it).
        const newer = this.wanted as typeof job | null;
        if (newer) {
          newer.waiters.unshift(...job.waiters);
          continue;
        }
        if (epoch !== this.epoch) throw new Error(`world ${job.seed} was not shown: a world was imported while it was being built`);
        this.imported = false;
        this.start(world);
        for (const w of job.waiters) w.resolve(world);
      } catch (e) {
        if (!this.wanted && this.world) this.params = this.world.params;
        for (const w of job.waiters) w.reject(e as Error);
      }
    }
    this.building = false;
  }

  /** Validates and starts a world from JSON text or a parsed value; throws WorldValidationError. */
  importWorld(input: unknown): World {
    const world = validateWorld(input);
    this.epoch++;
    this.params = world.params;
    this.imported = true;
    this.start(world);
    return world;
  }

  /** Starts the current world again from its start (after a death). */
  retry(): void {
    this.start(this.world);
  }

  private start(world: World): void {
    this.world = world;
    this.session = newSession(world);
    this.conversation = null;
    this.emit('world', world);
  }

  currentRoom(): Room {
    return roomAt(this.world, this.session.roomX, this.session.roomY);
  }

  /** The hero is now in room (x, y). */
  enterRoom(x: number, y: number): Room {
    const room = roomAt(this.world, x, y);
    this.session.roomX = x;
    this.session.roomY = y;
    this.emit('room', room);
    return room;
  }

  /**
   * Replaces a room's tiles live (the debug panel's room editor). The whole world must stay
   * consistent (doors matching neighbours, entities on walkable tiles); otherwise throws a
   * WorldValidationError naming the problem and nothing changes.
   */
  setRoomTiles(x: number, y: number, tiles: readonly string[]): Room {
    const room = roomAt(this.world, x, y);
    const where = `rooms[${this.world.rooms.indexOf(room)}].tiles`;
    try {
      Grid.fromRows(tiles, where);
    } catch (e) {
      throw new WorldValidationError([{ path: where, message: (e as Error).message }]);
    }
    const candidate: World = { ...this.world, rooms: this.world.rooms.map((r) => (r === room ? { ...r, tiles: [...tiles], source: 'custom' as const } : r)) };
    validateWorld(candidate);
    room.tiles = [...tiles];
    room.source = 'custom';
    this.emit('tiles', room);
    return room;
  }

  /**
   * Replaces an NPC's lines live (the debug panel's dialogue tuner). The quest giver's quest
   * texts follow its new quest lines. An open conversation keeps the lines it started with.
   * Throws a WorldValidationError (nothing changes) if the lines are not valid.
   */
  setNpcLines(npcId: string, lines: readonly DialogueLine[]): Npc {
    const npc = this.world.npcs.find((n) => n.id === npcId);
    if (!npc) throw new WorldValidationError([{ path: 'npcs', message: `no NPC "${npcId}"` }]);
    const copy = lines.map((l) => ({ situation: l.situation, text: l.text }));
    validateWorld({ ...this.world, npcs: this.world.npcs.map((n) => (n === npc ? { ...n, lines: copy } : n)) });
    npc.lines = copy;
    if (this.world.quest.giver === npcId) {
      const text = (situation: DialogueLine['situation']) => copy.find((l) => l.situation === situation)?.text;
      const q = this.world.quest;
      this.world.quest = { ...q, hook: text('quest-hook') ?? q.hook, description: text('quest-description') ?? q.description, completion: text('quest-completion') ?? q.completion };
    }
    this.emit('state', this.session);
    return npc;
  }

  /** Posts a notice to the HUD. */
  notify(text: string, kind: Notice['kind'] = 'info'): void {
    const notice = { text, kind, at: performance.now() };
    this.notices = [...this.notices.slice(-3), notice];
    this.emit('notice', notice);
  }

  /** Tells listeners the session changed (stats, conversation, outcome). */
  touch(): void {
    this.emit('state', this.session);
  }
}

/** The current params with some values overridden (nested groups merge); validated. */
export function mergeParams(params: WorldParams, override: ParamsOverride): WorldParams {
  const merged: Record<string, unknown> = { ...params };
  for (const [key, value] of Object.entries(override)) {
    const base = (params as Record<string, unknown>)[key];
    merged[key] = value && typeof value === 'object' && !Array.isArray(value) && typeof base === 'object' ? { ...(base as object), ...value } : value;
  }
  return resolveParams(merged as ParamsOverride);
}
