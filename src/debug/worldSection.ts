import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import { isValidSeed, randomSeed } from '../core/rng';
import type { PanelContext } from './context';
import type { ParamControls } from './paramControls';
import { defaultParams } from './paramFields';

/**
 * World: the seed (typed, or rolled with the dice), regenerate, every layout and population
 * param, reset to defaults, and the shareable link of the world on screen.
 */
export class WorldSection {
  private readonly state = { seed: '', link: '' };
  private readonly seedCtl: Controller;
  private readonly linkCtl: Controller;

  constructor(
    private readonly ctx: PanelContext,
    gui: GUI,
    controls: ParamControls,
    /** The current page URL (with the panel state in it). */
    private readonly link: () => string,
  ) {
    const folder = gui.addFolder('World');
    this.state.seed = ctx.api.seed;
    this.seedCtl = folder.add(this.state, 'seed').name('seed').onFinishChange((s: string) => void this.regenerate(s.trim()));
    this.seedCtl.domElement.dataset.key = 'seed';
    const actions = {
      dice: () => {
        this.state.seed = randomSeed();
        this.seedCtl.updateDisplay();
        void this.regenerate(this.state.seed);
      },
      regenerate: () => void this.regenerate(this.state.seed.trim()),
      reset: () => void this.ctx.applyParams(defaultParams(), 'start').then(() => this.ctx.say('params reset to their defaults')),
      copy: () => void this.copyLink(),
    };
    folder.add(actions, 'dice').name('random seed (dice)').domElement.dataset.key = 'dice';
    folder.add(actions, 'regenerate').name('regenerate').domElement.dataset.key = 'regenerate';

    controls.add(folder, 'width', 'rooms across', 'start');
    controls.add(folder, 'height', 'rooms down', 'start');
    const biomes = folder.addFolder('Biome noise');
    controls.add(biomes, 'biomes.frequency', 'frequency', 'start');
    controls.add(biomes, 'biomes.octaves', 'octaves', 'start');
    controls.addThresholds(biomes);
    controls.add(folder, 'loops', 'loops (door share)', 'start');
    controls.add(folder, 'density.enemies', 'enemies / room', 'start');
    controls.add(folder, 'density.items', 'items / room', 'start');
    controls.add(folder, 'density.npcs', 'NPC chance', 'start');
    controls.add(folder, 'rooms.source', 'room source', 'start');

    folder.add(actions, 'reset').name('reset to defaults').domElement.dataset.key = 'reset';
    this.linkCtl = folder.add(this.state, 'link').name('share link').disable();
    this.linkCtl.domElement.dataset.key = 'link';
    folder.add(actions, 'copy').name('copy link');
  }

  /** Regenerates with a typed seed; a seed the game cannot use is refused with a message. */
  private async regenerate(seed: string): Promise<void> {
    if (!isValidSeed(seed)) {
      this.ctx.say(`seed ${JSON.stringify(seed)} refused: 1-32 letters, digits, _ or -`, 'error');
      this.state.seed = this.ctx.api.seed;
      this.seedCtl.updateDisplay();
      return;
    }
    await this.ctx.guard('regenerate', async () => {
      await this.ctx.api.regenerate(seed);
      this.ctx.say(`world ${seed}`);
    });
  }

  private async copyLink(): Promise<void> {
    await this.ctx.guard('copy link', async () => {
      await navigator.clipboard.writeText(this.link());
      this.ctx.say('link copied');
    });
  }

  /** Shows the seed and link of the world on screen. */
  refresh(): void {
    this.state.seed = this.ctx.api.seed;
    this.state.link = this.link();
    this.seedCtl.updateDisplay();
    this.linkCtl.updateDisplay();
  }
}
