import Phaser from 'phaser';
import type { App } from '../app';
import { overlayPanel, onConfirm } from './overlay';

/** The hero fell: retry the same world (same seed) from its start. */
export class GameOverScene extends Phaser.Scene {
  constructor() {
    super('GameOver');
  }

  create(): void {
    const app = this.registry.get('app') as App;
    const lines = [`The ${app.ctl.currentRoom().place} claims another hero.`, '', `Seed ${app.ctl.seed}: the same world awaits.`];
    overlayPanel(this, 'You have fallen', '#ff8a8a', lines, 'Enter / Space — try again');
    app.ctl.once('world').then(() => this.scene.stop());
    onConfirm(this, () => app.ctl.retry());
  }
}
