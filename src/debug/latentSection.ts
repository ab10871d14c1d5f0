import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import { Grid } from '../core/grid';
import { createRng } from '../core/rng';
import { OPPOSITE, SIDE_DELTA, SIDES, type Side } from '../core/room';
import type { Room, World } from '../core/schema';
import type { LevelVae } from '../models/levelVae';
import { errorText, type PanelContext } from './context';
import { waitingNote } from './modelWait';
import type { ParamControls } from './paramControls';
import { GameOverlay, RoomPreview } from './roomView';
import { decodeRoom, isHome, nearestWalkable, readRoomLatent, snapToHome, type RoomLatent } from './roomLatent';

/** Latent dimensions with a slider. */
export const SLIDER_DIMS = 8;
const STEP = 0.01;
const RANGE = 4;

/** What the panel keeps per room of the world on screen (edits survive leaving the room). */
interface RoomEdit {
  latent: RoomLatent;
  /** The latent shown now (every dimension; sliders show the first eight). */
  z: Float32Array;
  rolls: number;
}

/**
 * Level VAE, current room: sliders for the first latent dimensions, randomise, encode this room,
 * interpolation towards a neighbour, the world's temperature and repair switch, a preview with
 * repaired tiles outlined (also over the game), and the measured slider-to-room time.
 */
export class LatentSection {
  private readonly folder: GUI;
  private readonly wait: HTMLDivElement;
  private readonly info: HTMLDivElement;
  private readonly preview = new RoomPreview();
  private readonly overlay = new GameOverlay();
  private readonly sliders: Record<string, number> = {};
  private readonly sliderCtls: Controller[] = [];
  private readonly tools: Controller[] = [];
  private readonly interp = { neighbour: '', t: 0, highlight: true };
  private readonly neighbourCtl: Controller;
  private readonly tCtl: Controller;
  private vae: LevelVae | null = null;
  private loading: Promise<void> | null = null;
  private world: World | null = null;
  private readonly edits = new Map<string, RoomEdit>();
  private current: RoomEdit | null = null;
  /** Cells the last repair changed (outlined). */
  private changed: number[] = [];
  /** Slider-to-room times (ms): decode + repair + setRoomTiles (the room redrawn). */
  readonly timings: number[] = [];

  constructor(
    private readonly ctx: PanelContext,
    gui: GUI,
    controls: ParamControls,
  ) {
    this.folder = gui.addFolder('Level VAE (current room)');
    this.wait = this.note('ws-wait');
    for (let i = 0; i < SLIDER_DIMS; i++) {
      this.sliders[`z${i}`] = 0;
      const c = this.folder.add(this.sliders, `z${i}`, -RANGE, RANGE, STEP).decimals(2).onChange((v: number) => this.slide(i, v));
      c.domElement.dataset.key = `latent.${i}`;
      this.sliderCtls.push(c);
    }
    const actions = {
      randomise: () => this.randomise(),
      encode: () => this.encodeRoom(),
      home: () => this.goHome(),
    };
    this.tools.push(
      this.folder.add(actions, 'randomise').name('randomise latent'),
      this.folder.add(actions, 'encode').name('encode this room'),
      this.folder.add(actions, 'home').name("back to the room's latent"),
    );
    this.neighbourCtl = this.folder.add(this.interp, 'neighbour', ['']).name('interpolate to').onChange(() => this.resetInterpolation(true));
    this.tCtl = this.folder.add(this.interp, 't', 0, 1, 0.01).name('interpolation').onChange((t: number) => this.interpolate(t));
    this.tools.push(this.neighbourCtl, this.tCtl);
    this.tools.forEach((c, i) => (c.domElement.dataset.key = ['randomise', 'encode', 'home', 'neighbour', 'interp'][i]));
    this.tools.push(
      controls.add(this.folder, 'rooms.temperature', 'temperature (world)', 'stay'),
      controls.add(this.folder, 'rooms.repair', 'repair (world)', 'stay'),
      controls.add(this.folder, 'rooms.candidates', 'critic draws (world)', 'stay'),
    );
    this.tools.push(this.folder.add(this.interp, 'highlight').name('outline repaired tiles').onChange(() => this.redrawMarks()));
    this.folder.$children.appendChild(this.preview.canvas);
    this.info = this.note('ws-info');
    this.info.dataset.key = 'latent-info';
    this.show(false);
  }

  private note(cls: string): HTMLDivElement {
    const div = document.createElement('div');
    div.className = cls;
    this.folder.$children.appendChild(div);
    return div;
  }

  private show(ready: boolean): void {
    for (const c of [...this.sliderCtls, ...this.tools]) c.show(ready);
    this.preview.canvas.style.display = ready ? '' : 'none';
    this.info.style.display = ready ? '' : 'none';
    this.wait.style.display = ready ? 'none' : '';
  }

  /** Loads the model once (when the panel first opens), then the current room. */
  async activate(): Promise<void> {
    this.loading ??= this.loadModel();
    await this.loading;
    if (this.vae && !this.current) this.loadRoom();
  }

  private async loadModel(): Promise<void> {
    const status = this.ctx.api.models().find((m) => m.model === 'level-vae');
    if (status?.state !== 'loaded') {
      this.wait.textContent = waitingNote('Level VAE', status, 'the latent sliders wait for it');
      return;
    }
    this.wait.textContent = 'loading the level VAE…';
    try {
      const [{ initTfBrowser }, { loadLevelVae }] = await Promise.all([import('../game/tfBackend'), import('../models/levelVae')]);
      await initTfBrowser();
      this.vae = await loadLevelVae(`${import.meta.env.BASE_URL}models/level-vae/model.json`);
      this.show(true);
    } catch (e) {
      this.wait.textContent = `Level VAE could not be loaded by the panel: ${errorText(e)}`;
    }
  }

  /** The panel opened or closed: outlines only while it is open; catch up on the room. */
  visibilityChanged(): void {
    this.redrawMarks();
    if (this.ctx.isOpen() && this.vae) this.roomChanged(this.ctx.api.currentRoom());
  }

  /** A new world is on screen: forget every room's edits. */
  worldChanged(): void {
    this.edits.clear();
    this.current = null;
    this.world = null;
    this.overlay.clear();
  }

  /** The hero is in a room: show its latent (kept edits, or read from the model). */
  roomChanged(room: Room): void {
    if (!this.vae || !this.ctx.isOpen()) return;
    if (this.current && this.current.latent.roomX === room.x && this.current.latent.roomY === room.y) return;
    this.loadRoom();
  }

  private loadRoom(): void {
    const vae = this.vae;
    if (!vae) return;
    void this.ctx.guard('level VAE', () => {
      this.world = this.ctx.api.world();
      const room = this.ctx.api.currentRoom();
      const key = `${room.x},${room.y}`;
      let edit = this.edits.get(key);
      if (!edit) {
        const latent = readRoomLatent(vae, this.world, room.x, room.y);
        edit = { latent, z: Float32Array.from(latent.base), rolls: 0 };
        this.edits.set(key, edit);
      }
      this.current = edit;
      this.neighbourCtl.options(this.neighbours());
      this.resetInterpolation(false);
      this.showSliders();
      this.preview.draw(room, Grid.fromRows(room.tiles));
      this.overlay.clear();
      this.describe();
    });
  }

  private neighbours(): string[] {
    const doors = this.current!.latent.cond.doors;
    const sides = SIDES.filter((s) => doors[s]);
    this.interp.neighbour = sides[0] ?? '';
    return sides.length > 0 ? sides : [''];
  }

  /** The interpolation slider back at 0 (the room itself); `apply` also puts the room back. */
  private resetInterpolation(apply: boolean): void {
    this.interp.t = 0;
    this.tCtl.updateDisplay();
    if (apply) this.interpolate(0);
  }

  private showSliders(): void {
    const z = this.current!.z;
    this.sliderCtls.forEach((c, i) => {
      this.sliders[`z${i}`] = z[i];
      c.updateDisplay();
    });
  }

  private slide(i: number, v: number): void {
    const edit = this.current;
    if (!edit) return;
    edit.z[i] = snapToHome(v, edit.latent.base[i], STEP);
    this.render();
  }

  private randomise(): void {
    const edit = this.current;
    if (!edit || !this.vae || !this.world) return;
    const room = this.room();
    edit.z = this.vae.sampleLatent(createRng(`${this.world.seed}/panel:random:${room.x},${room.y}:${edit.rolls++}`), room.style);
    this.showSliders();
    this.render();
  }

  private encodeRoom(): void {
    const vae = this.vae;
    if (!vae || !this.current) return;
    void this.ctx.guard('encode', () => {
      this.world = this.ctx.api.world();
      const room = this.room();
      const grid = Grid.fromRows(room.tiles);
      const base = vae.encode(grid, room.style, room.biome);
      const raw = vae.decode(base, this.current!.latent.cond, { temperature: 0 });
      const latent: RoomLatent = { ...this.current!.latent, base, origin: 'encoded', homeTiles: [...room.tiles], mismatch: raw.diff(grid) };
      this.current = { latent, z: Float32Array.from(base), rolls: this.current!.rolls };
      this.edits.set(`${room.x},${room.y}`, this.current);
      this.showSliders();
      this.describe();
      this.ctx.say(`sliders at the encoder's latent of room (${room.x},${room.y})`);
    });
  }

  private goHome(): void {
    if (!this.current) return;
    this.current.z = Float32Array.from(this.current.latent.base);
    this.showSliders();
    this.render();
  }

  private interpolate(t: number): void {
    const edit = this.current;
    const vae = this.vae;
    if (!edit || !vae || !this.world) return;
    const side = this.interp.neighbour as Side;
    if (!SIDES.includes(side)) return;
    void this.ctx.guard('interpolate', () => {
      const [dx, dy] = SIDE_DELTA[side];
      const nx = edit.latent.roomX + dx;
      const ny = edit.latent.roomY + dy;
      const other = this.edits.get(`${nx},${ny}`)?.latent ?? readRoomLatent(vae, this.world!, nx, ny);
      if (!other.cond.doors[OPPOSITE[side]]) throw new Error(`room (${nx},${ny}) has no door back`);
      const zb = other.base;
      edit.z = t === 0 ? Float32Array.from(edit.latent.base) : vae.interpolate(edit.latent.base, zb, 101)[Math.round(t * 100)];
      this.showSliders();
      this.render();
    });
  }

  private room(): Room {
    const l = this.current!.latent;
    return this.world!.rooms.find((r) => r.x === l.roomX && r.y === l.roomY)!;
  }

  /** Decodes the current latent into the room on screen and times it. */
  private render(): void {
    const edit = this.current;
    const vae = this.vae;
    const world = this.world;
    if (!edit || !vae || !world) return;
    const room = this.room();
    const { temperature, repair } = world.params.rooms;
    const t0 = performance.now();
    const home = isHome(edit.z, edit.latent.base);
    const decoded = home ? null : decodeRoom(vae, world, room, edit.latent, edit.z, { temperature, repair });
    const grid = decoded ? decoded.grid : Grid.fromRows(edit.latent.homeTiles);
    let refused = '';
    try {
      this.ctx.api.setRoomTiles(room.x, room.y, grid.toRows());
    } catch (e) {
      refused = errorText(e);
    }
    const ms = performance.now() - t0;
    if (decoded && !refused) this.timings.push(ms);
    this.changed = decoded?.changedCells ?? [];
    this.preview.draw(room, decoded?.raw && !repair ? decoded.raw : grid, this.changed);
    this.redrawMarks();
    if (refused) this.ctx.say(`room not applied (the world would break): ${refused}${repair ? '' : ' — turn repair on'}`, 'warn');
    else this.moveHeroIfBlocked(grid);
    this.describe();
  }

  private redrawMarks(): void {
    this.overlay.show(this.interp.highlight && this.ctx.isOpen() ? this.changed : []);
  }

  /** The hero stands where the new room has a wall: move it to the nearest walkable tile. */
  private moveHeroIfBlocked(grid: Grid): void {
    const p = this.ctx.api.player();
    const l = this.current!.latent;
    if (p.roomX !== l.roomX || p.roomY !== l.roomY || grid.walkable(p.x, p.y)) return;
    const to = nearestWalkable(grid, p.x, p.y);
    if (!to) return;
    this.ctx.api.teleport(l.roomX, l.roomY, to[0], to[1]);
    this.ctx.say(`the hero stood in a wall; moved to (${to[0]},${to[1]})`);
  }

  private describe(): void {
    const l = this.current?.latent;
    if (!l) return;
    const origin = l.origin === 'generated' ? `the latent this room was generated from${criticNote(l)}` : `the encoder's latent of this room (its decode differs in ${l.mismatch} tiles)`;
    const n = this.timings.length;
    const sorted = [...this.timings].sort((a, b) => a - b);
    const timing = n === 0 ? 'move a slider to time it' : `last ${this.timings[n - 1].toFixed(1)} ms · median ${sorted[Math.floor(n / 2)].toFixed(1)} ms (n=${n})`;
    this.info.textContent = `room (${l.roomX},${l.roomY}) · sliders start at ${origin}. Slider → room: ${timing}. Outlined: ${this.changed.length} repaired tile${this.changed.length === 1 ? '' : 's'}.`;
  }
}

/** Which critic draw a generated room came from, e.g. " (critic: draw 2 of up to 4)". */
function criticNote(l: RoomLatent): string {
  if (!l.critic || l.critic.candidates === 1) return '';
  const { draw, candidates, accepted } = l.critic;
  return accepted ? ` (critic: draw ${draw} of up to ${candidates})` : ` (critic: none of ${candidates} draws passed; the best was kept and repaired)`;
}
