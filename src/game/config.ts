import Phaser from 'phaser';
import { GAME_H, GAME_W } from './layout';
import { BootScene } from './scenes/BootScene';
import { CreditsScene } from './scenes/CreditsScene';
import { GameOverScene } from './scenes/GameOverScene';
import { GameScene } from './scenes/GameScene';
import { HudScene } from './scenes/HudScene';
import { WinScene } from './scenes/WinScene';

/** The Phaser configuration in one place. Scene order is draw order (HUD and overlays on top). */
export function gameConfig(parent: string): Phaser.Types.Core.GameConfig {
  return {
    type: Phaser.AUTO,
    parent,
    width: GAME_W,
    height: GAME_H,
    backgroundColor: '#08080c',
    pixelArt: true,
    roundPixels: true,
    banner: false,
    physics: { default: 'arcade', arcade: { gravity: { x: 0, y: 0 }, debug: false } },
    scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
    scene: [BootScene, GameScene, HudScene, WinScene, GameOverScene, CreditsScene],
  };
}
