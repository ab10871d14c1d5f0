import Phaser from 'phaser';
import type { App } from '../app';
import { CREDITS } from '../credits';
import { overlayPages, overlayPanel } from './overlay';

const FONT_SIZE = 12;

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
    // More than one panel's worth: pages, turned with the arrow keys.
    const pages = overlayPages(this, [...lines, '— Models —', ...models], FONT_SIZE);
    let at = 0;
    let panel: Phaser.GameObjects.Container | undefined;
    const show = (to: number) => {
      at = Math.max(0, Math.min(pages.length - 1, to));
      panel?.destroy();
      const footer = pages.length > 1 ? `← → page ${at + 1} of ${pages.length} · C / Esc — close` : 'C / Esc — close';
      panel = overlayPanel(this, 'Credits', '#a8e0ff', pages[at], footer, FONT_SIZE);
    };
    show(0);
    const keys = this.input.keyboard!;
    for (const [key, step] of [['LEFT', -1], ['UP', -1], ['PAGE_UP', -1], ['RIGHT', 1], ['DOWN', 1], ['PAGE_DOWN', 1]] as const) {
      keys.on(`keydown-${key}`, () => show(at + step));
    }
    keys.once('keydown-ESC', () => app.toggleCredits());
  }
}
