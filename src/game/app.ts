import type { Facing } from '../art/hero';
import { randomSeed } from '../core/rng';
import type { World } from '../core/schema';
import type { WorldController } from './controller';
import { downloadFiles } from './export/download';
import { exportFiles } from '../pipeline/export/files';
import { urlWithSeed } from './boot/seed';
import type { ModelStatus } from './boot/generators';
import type { BootedModels } from './boot/bootModels';

/** What the running game scene exposes to the app (set while the Game scene is alive). */
export interface GameView {
  /** Hero position inside the current room, in room pixels, and facing. */
  hero(): { px: number; py: number; facing: Facing } | null;
  /** Moves the hero to tile (x, y) of room (roomX, roomY) at once. */
  teleport(roomX: number, roomY: number, x: number, y: number): void;
  /** Rebuilds the map and actors from the controller's world (after live edits). */
  redraw(): void;
  fps(): number;
}

/**
 * The app: the controller plus the actions the keys, buttons and window API share
 * (regenerate, import, export, credits). Lives for the page; scenes come and go.
 */
export class App {
  controller: WorldController | null = null;
  view: GameView | null = null;
  statuses: ModelStatus[] = [];
  /** Where worlds are built (set at boot). */
  builder: BootedModels['builder'] = { where: 'page', reason: 'not booted yet' };
  readonly ready: Promise<void>;
  private resolveReady!: () => void;
  /** Set by main: toggles the credits overlay. */
  toggleCredits: () => void = () => {};

  constructor() {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
  }

  /** Called once the first world is on screen. */
  markReady(): void {
    this.resolveReady();
  }

  get ctl(): WorldController {
    if (!this.controller) throw new Error('worldsmith is not ready yet (await worldsmith.ready)');
    return this.controller;
  }

  /**
   * Builds and shows the world of `seed` (a fresh seed when omitted); resolves when shown. The
   * world is built off the page (the world worker) when it can be, so the game keeps running;
   * the HUD says so meanwhile, then how long it took. Rejects (after saying why in the HUD) on a
   * bad seed or a failed build. Asked again before it is done, the newest seed wins.
   */
  async regenerate(seed: string = randomSeed()): Promise<World> {
    await this.ready;
    this.ctl.notify(`Building world ${seed}…`);
    await nextPaint();
    const t0 = performance.now();
    const shown = this.ctl.once('shown');
    let world: World;
    try {
      world = await this.ctl.regenerate(seed);
    } catch (e) {
      this.ctl.notify(`Could not build world ${seed}: ${(e as Error).message}`, 'error');
      throw e;
    }
    this.ctl.notify(`World ${world.seed} built in ${Math.round(performance.now() - t0)} ms`);
    this.syncUrl();
    await shown;
    return world;
  }

  /** `regenerate` for keys and buttons: a failure is already on the HUD. */
  regenerateFromUi(): void {
    this.regenerate().catch(() => {});
  }

  /** Validates and plays a world from JSON text or a value; rejects with the validator's Error. */
  async importWorld(input: unknown): Promise<World> {
    await this.ready;
    const shown = this.ctl.once('shown');
    const world = this.ctl.importWorld(input);
    await shown;
    return world;
  }

  /** Imports a file's text, showing any error in the game instead of throwing. */
  async importText(text: string, fileName: string): Promise<void> {
    try {
      await this.importWorld(text);
      this.ctl.notify(`Imported ${fileName} (seed ${this.ctl.seed})`);
    } catch (e) {
      this.ctl.notify(`Import failed (${fileName}): ${(e as Error).message}`, 'error');
    }
  }

  /** Downloads the world JSON, the Tiled map and its tileset PNG. */
  exportFiles(): void {
    const files = exportFiles(this.ctl.world);
    downloadFiles(files);
    this.ctl.notify(`Exported ${files.map((f) => f.name).join(', ')}`);
  }

  /** Keeps `?seed=` in the address bar equal to the seed on screen (generated worlds only). */
  syncUrl(): void {
    if (typeof history === 'undefined' || this.ctl.imported) return;
    history.replaceState(null, '', urlWithSeed(location.href, this.ctl.seed));
  }
}

/**
 * Resolves after the browser has painted a frame (two animation frames), so a notice shows first;
 * at most 100 ms, since a hidden page runs no animation frames.
 */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, 100);
    requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
  });
}
