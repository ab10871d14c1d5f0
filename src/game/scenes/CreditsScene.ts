import Phaser from 'phaser';
import type { App } from '../app';
import { CREDITS } from '../credits';
import { overlayPanel } from './overlay';

/** The credits overlay (key C): libraries, data sets and art, with licences. Pauses play. */
export class CreditsScene extends Phaser.Scene {
  constructor() {
    super('Credits');
  }

  create(): void {
    const app = this.registry.get('app') as App;
    const lines = CREDITS.flatMap((section) => [
      `— ${section.title} —`,
      ...section.items.map((c) => `${c.name}: ${c.what} (${c.licence})`),
      '',
    ]);
    const models = app.statuses.map((s) => s.message);
    overlayPanel(this, 'Credits', '#a8e0ff', [...lines, '— Models —', ...models], 'C / Esc — close', 12);
    this.input.keyboard!.once('keydown-ESC', () => app.toggleCredits());
  }
}
