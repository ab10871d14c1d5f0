import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import { proceduralSampler } from '../art/spriteProcedural';
import { createRng } from '../core/rng';
import { SPRITE_CLASSES } from '../core/vocab';
import type { SpriteRequest, SpriteSampler } from '../pipeline/ports';
import { errorText, type PanelContext } from './context';
import { waitingNote } from './modelWait';
import type { ParamControls } from './paramControls';

/** Sprites per class in the preview grid. */
const PER_CLASS = 8;
const SIZE = 16;

/**
 * Sprites: the world's sprite source, truncation, palette size, outline and creature mirroring
 * (the world's sprites are redrawn, the hero stays), and a preview grid per class from the sampler
 * the game uses.
 * Without the GAN the section says so and previews the procedural sprites the game draws.
 */
export class SpriteSection {
  private readonly wait: HTMLDivElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly caption: HTMLDivElement;
  private readonly truncation: Controller;
  private readonly procedural = proceduralSampler();
  private gan: SpriteSampler | null = null;
  private loading: Promise<void> | null = null;
  private rolls = 0;

  constructor(
    private readonly ctx: PanelContext,
    gui: GUI,
    controls: ParamControls,
  ) {
    const folder = gui.addFolder('Sprites');
    this.wait = this.div(folder, 'ws-wait');
    controls.add(folder, 'sprites.source', 'source', 'stay');
    this.truncation = controls.add(folder, 'sprites.truncation', 'truncation (GAN)', 'stay');
    controls.add(folder, 'sprites.paletteSize', 'palette size', 'stay');
    controls.add(folder, 'sprites.outline', 'outline', 'stay');
    controls.add(folder, 'sprites.mirrorCreatures', 'mirror creatures', 'stay');
    folder.add({ regenerate: () => this.draw(true) }, 'regenerate').name('regenerate preview').domElement.dataset.key = 'sprites-regenerate';
    this.canvas = document.createElement('canvas');
    this.canvas.width = PER_CLASS * SIZE;
    this.canvas.height = SPRITE_CLASSES.length * SIZE;
    this.canvas.className = 'ws-sprites';
    folder.$children.appendChild(this.canvas);
    this.caption = this.div(folder, 'ws-info');
  }

  private div(folder: GUI, cls: string): HTMLDivElement {
    const d = document.createElement('div');
    d.className = cls;
    folder.$children.appendChild(d);
    return d;
  }

  /** Loads the GAN once (the panel's own copy) when the game loaded it; then draws. */
  activate(): Promise<void> {
    this.loading ??= (async () => {
      const status = this.ctx.api.models().find((m) => m.model === 'sprite-gan');
      if (status?.state === 'loaded') {
        try {
          const [{ initTfBrowser }, { loadSpriteGan }] = await Promise.all([import('../game/tfBackend'), import('../models/spriteGan/sampler')]);
          await initTfBrowser();
          this.gan = await loadSpriteGan(`${import.meta.env.BASE_URL}models/sprite-gan/model.json`);
          this.wait.style.display = 'none';
        } catch (e) {
          this.wait.textContent = `Sprite GAN could not be loaded by the panel: ${errorText(e)}`;
        }
      } else {
        this.wait.textContent = waitingNote('Sprite GAN', status, 'the GAN controls wait for it; the preview shows the procedural sprites the game draws now');
      }
      this.truncation.enable(this.gan !== null);
    })();
    return this.loading.then(() => this.draw(false));
  }

  /** The sampler the game uses for the world on screen (as `WorldController.sprites` picks it). */
  private sampler(): SpriteSampler {
    return this.ctx.api.params().sprites.source === 'gan' && this.gan ? this.gan : this.procedural;
  }

  /** Draws PER_CLASS sprites of each class (rows: creature, item, character). */
  draw(reroll: boolean): void {
    if (!this.loading) return;
    if (reroll) this.rolls++;
    void this.ctx.guard('sprite preview', () => {
      const world = this.ctx.api.world();
      const biome = this.ctx.api.currentRoom().biome;
      const requests: SpriteRequest[] = SPRITE_CLASSES.flatMap((cls) => Array.from({ length: PER_CLASS }, (_, i) => ({ cls, key: `preview:${cls}:${i}`, biome })));
      const sampler = this.sampler();
      const { truncation, paletteSize, outline, mirrorCreatures } = world.params.sprites;
      const sprites = sampler.sampleSprites(requests, createRng(`${world.seed}/panel:sprites:${this.rolls}`), { truncation, paletteSize, outline, mirrorCreatures });
      const g = this.canvas.getContext('2d')!;
      g.clearRect(0, 0, this.canvas.width, this.canvas.height);
      sprites.forEach((s, k) => {
        const frame = new ImageData(new Uint8ClampedArray(s.frames[0]), s.size, s.size);
        g.putImageData(frame, (k % PER_CLASS) * SIZE, Math.floor(k / PER_CLASS) * SIZE);
      });
      this.caption.textContent = `rows: ${SPRITE_CLASSES.join(', ')} · ${sampler.name} sampler, ${biome} palette · preview ${this.rolls}`;
      this.caption.dataset.sampler = sampler.name;
    });
  }
}
