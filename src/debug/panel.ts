import GUI from 'lil-gui';
import { Grid } from '../core/grid';
import type { ParamsOverride, WorldParams } from '../core/params';
import type { WorldsmithApi } from '../game/api';
import { mergeParams } from '../game/controller';
import { errorText, type HeroAfter, type MessageKind, type PanelContext } from './context';
import { DialogueSection } from './dialogueSection';
import { ExchangeSection } from './exchangeSection';
import { LatentSection } from './latentSection';
import { ModelsSection } from './modelsSection';
import { checkParams, OPEN_KEY, sameParams, STORAGE_KEY, storedParams, writeParamsQuery, type BootRequest, type StoredPanel } from './panelState';
import { ParamControls } from './paramControls';
import { nearestWalkable } from './roomLatent';
import { SpriteSection } from './spriteSection';
import { WorldSection } from './worldSection';

/** The panel's widgets, built the first time it opens (a closed panel adds nothing to the page). */
interface PanelView {
  gui: GUI;
  message: HTMLDivElement;
  controls: ParamControls;
  world: WorldSection;
  latent: LatentSection;
  dialogue: DialogueSection;
  sprites: SpriteSection;
  models: ModelsSection;
}

/**
 * The debug panel: lil-gui over the game, toggled with the backquote key. Every section talks to
 * the game only through `window.worldsmith`; every action is guarded so a failure becomes a
 * message in the panel, never an exception in the game. The world's seed and params live in the
 * URL (a shareable link) and in localStorage, whether the panel was ever opened or not.
 */
export class DebugPanel implements PanelContext {
  private view: PanelView | null = null;
  private queue: Promise<void> = Promise.resolve();
  private open = false;
  lastMessage = '';
  private lastKind: MessageKind = 'info';

  constructor(readonly api: WorldsmithApi) {
    api.on('world', () => this.view?.latent.worldChanged());
    api.on('shown', () => this.shown());
    api.on('room', (room) => this.view?.latent.roomChanged(room));
  }

  private build(): PanelView {
    const gui = new GUI({ title: 'Worldsmith debug  ( ` )', width: 330 });
    gui.domElement.classList.add('ws-panel');
    const message = document.createElement('div');
    message.className = 'ws-message';
    message.dataset.key = 'message';
    gui.$children.prepend(message);
    const controls = new ParamControls(this);
    const view: PanelView = {
      gui,
      message,
      controls,
      world: new WorldSection(this, gui, controls, () => location.href),
      latent: new LatentSection(this, gui, controls),
      dialogue: new DialogueSection(this, gui, controls),
      sprites: new SpriteSection(this, gui, controls),
      models: new ModelsSection(this, gui),
    };
    new ExchangeSection(this, gui);
    this.isolateKeys(gui.domElement);
    return view;
  }

  /** Slider-to-room times measured so far (ms). */
  timings(): number[] {
    return [...(this.view?.latent.timings ?? [])];
  }

  /** Keys typed into the panel's fields stay there (the game would read W, R, X… as commands). */
  private isolateKeys(root: HTMLElement): void {
    const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA');
    for (const type of ['keydown', 'keyup', 'keypress'] as const) {
      root.addEventListener(type, (e) => {
        if (typing(e.target) && (e as KeyboardEvent).key !== '`') e.stopPropagation();
      });
    }
    // A clicked button keeps the focus; Space would press it again instead of swinging the sword.
    root.addEventListener('click', (e) => {
      const t = e.target as HTMLElement;
      if (t.tagName === 'BUTTON' || (t instanceof HTMLInputElement && t.type === 'checkbox')) t.blur();
    });
  }

  isOpen(): boolean {
    return this.open;
  }

  /** Shows or hides the panel; the first opening builds it and loads the models' panel tools. */
  setOpen(open: boolean): void {
    this.open = open;
    if (open && !this.view) {
      this.view = this.build();
      this.say(this.lastMessage, this.lastKind);
    }
    const view = this.view;
    if (!view) return this.saveState();
    view.gui.show(open);
    // The game's column makes room for the panel (panel.css), so the HUD stays visible.
    document.body.classList.toggle('ws-panel-open', open);
    if (open) {
      this.refresh();
      void this.guard('panel', () => Promise.all([view.latent.activate(), view.dialogue.activate(), view.sprites.activate(), view.models.activate()]));
    } else {
      (document.activeElement as HTMLElement | null)?.blur?.();
    }
    view.latent.visibilityChanged();
    this.saveState();
  }

  say(text: string, kind: MessageKind = 'info'): void {
    this.lastMessage = text;
    this.lastKind = kind;
    if (this.view) {
      this.view.message.textContent = text;
      this.view.message.dataset.kind = kind;
    }
    if (kind === 'error') console.warn(`[panel] ${text}`);
  }

  async guard(what: string, action: () => unknown): Promise<void> {
    try {
      await action();
    } catch (e) {
      this.say(`${what}: ${errorText(e)}`, 'error');
    }
  }

  applyParams(override: ParamsOverride, hero: HeroAfter): Promise<void> {
    const run = async () => {
      let next: WorldParams;
      try {
        next = mergeParams(this.api.params(), override);
      } catch (e) {
        // Out of range or malformed: clamp field by field, say what changed.
        const merged: Record<string, unknown> = { ...this.api.params() };
        for (const [k, v] of Object.entries(override)) merged[k] = v && typeof v === 'object' && !Array.isArray(v) ? { ...(merged[k] as object), ...v } : v;
        const checked = checkParams(merged);
        next = checked.params;
        this.say(checked.notes.join('; ') || errorText(e), 'warn');
      }
      if (sameParams(next, this.api.params())) return this.refresh();
      await this.guard('regenerate', async () => {
        const before = this.api.player();
        await this.api.setParams(next);
        if (hero === 'stay') this.putHeroBack(before);
      });
    };
    const safe = () => this.guard('params', run);
    this.queue = this.queue.then(safe, safe);
    return this.queue;
  }

  /** After a regeneration that kept the rooms' places: the hero back in its room, on a free tile. */
  private putHeroBack(p: { roomX: number; roomY: number; x: number; y: number }): void {
    const room = this.api.world().rooms.find((r) => r.x === p.roomX && r.y === p.roomY);
    if (!room) return;
    const to = nearestWalkable(Grid.fromRows(room.tiles), p.x, p.y);
    if (to) this.api.teleport(p.roomX, p.roomY, to[0], to[1]);
  }

  /** Applies the params the page was opened with (clamped; notes shown). */
  async boot(request: BootRequest): Promise<void> {
    if (request.notes.length > 0) this.say(request.notes.join('; '), 'warn');
    if (request.params) {
      const checked = checkParams(request.params);
      if (checked.notes.length > 0) this.say(`${request.from === 'url' ? 'URL' : 'saved'} params: ${checked.notes.join('; ')}`, 'warn');
      if (!sameParams(checked.params, this.api.params())) {
        await this.guard('params from the page', () => this.api.setParams(checked.params));
        if (request.from === 'storage' && !checked.notes.length) this.say('params restored from your last visit (reset to defaults clears them)');
      }
    }
    this.shown();
  }

  /** A world is on screen: show its seed and params, and write them to the URL and storage. */
  private shown(): void {
    this.refresh();
    this.saveState();
    if (this.open) this.view?.sprites.draw(false);
  }

  private refresh(): void {
    if (!this.view) return;
    try {
      this.view.controls.refresh(this.api.params());
      this.view.world.refresh();
    } catch {
      // The game is between worlds; the next 'shown' refreshes.
    }
  }

  /** Writes seed, params and the open state to the address bar and localStorage. */
  private saveState(): void {
    try {
      const params = this.api.params();
      const url = new URL(location.href);
      const search = writeParamsQuery(params, url.searchParams);
      if (this.api.seed) search.set('seed', this.api.seed);
      if (this.open) search.set(OPEN_KEY, '1');
      else search.delete(OPEN_KEY);
      url.search = search.toString();
      history.replaceState(history.state, '', url.toString());
      const stored: StoredPanel = { params: storedParams(params), open: this.open };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
      this.view?.world.refresh();
    } catch {
      // Storage full or blocked, or the game not ready: the URL or the next save will do.
    }
  }
}
