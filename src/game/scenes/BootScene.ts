import Phaser from 'phaser';
import { randomSeed } from '../../core/rng';
import type { App } from '../app';
import { registerBaseTextures } from '../adapters/textures';
import { bootModels } from '../boot/bootModels';
import { WorldController } from '../controller';
import { FONT, GAME_H, GAME_W } from '../layout';

/** What main.ts hands the boot scene. */
export interface BootData {
  seed: string;
  seedError?: string;
}

/** Paints the shared art, loads the models (with fallbacks), makes the first world. */
export class BootScene extends Phaser.Scene {
  constructor() {
    super('Boot');
  }

  create(): void {
    const app = this.registry.get('app') as App;
    const data = this.registry.get('boot') as BootData;
    registerBaseTextures(this);
    this.add.text(GAME_W / 2, GAME_H / 2 - 20, 'Worldsmith', { fontFamily: FONT, fontSize: '36px', color: '#ffe39a', fontStyle: 'bold' }).setOrigin(0.5);
    this.add.text(GAME_W / 2, GAME_H / 2 + 24, 'loading models…', { fontFamily: FONT, fontSize: '16px', color: '#bfb5ea' }).setOrigin(0.5);
    void bootModels(import.meta.env.BASE_URL).then(async (booted) => {
      app.statuses = booted.statuses;
      app.builder = booted.builder;
      for (const s of booted.statuses) console.info(`[worldsmith] ${s.message}`);
      const ctl = new WorldController(booted.build, booted.sprites);
      app.controller = ctl;
      void ctl.once('shown').then(() => app.markReady());
      try {
        await ctl.regenerate(data.seed);
      } catch (e) {
        await ctl.regenerate(randomSeed());
        ctl.notify(`Could not make world ${data.seed}: ${(e as Error).message}`, 'error');
      }
      if (data.seedError) ctl.notify(data.seedError, 'warn');
      app.syncUrl();
      this.scene.launch('Hud');
      this.scene.start('Game');
    });
  }
}
