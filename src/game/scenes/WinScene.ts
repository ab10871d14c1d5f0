import Phaser from 'phaser';
import type { App } from '../app';
import { overlayPanel, onConfirm } from './overlay';

/** Quest complete: the giver's completion line, then a new world with a fresh seed. */
export class WinScene extends Phaser.Scene {
  constructor() {
    super('Win');
  }

  create(): void {
    const app = this.registry.get('app') as App;
    const { world, session } = app.ctl;
    const giver = world.npcs.find((n) => n.id === world.quest.giver);
    const lines = [
      `You found ${world.quest.item}.`,
      '',
      `${giver?.name ?? 'The quest giver'}: “${world.quest.completion}”`,
      '',
      `Coins ${session.stats.coins} · gems ${session.stats.gems} · hearts ${session.stats.hp}/${session.stats.maxHp}`,
    ];
    overlayPanel(this, 'Quest complete!', '#ffe39a', lines, 'Enter / Space — a new world');
    app.ctl.once('world').then(() => this.scene.stop());
    onConfirm(this, () => app.regenerateFromUi());
  }
}
