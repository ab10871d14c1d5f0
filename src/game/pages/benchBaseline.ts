import Phaser from 'phaser';
import { paintTileset } from '../../art/tileset';
import { worldToTiled, TILED_NAMES } from '../../pipeline/export/tiled';
import { generateWorld } from '../../pipeline/world';
import { addRgbaTexture, TEX } from '../adapters/textures';
import { GAME_H, GAME_W, HUD_H, ROOM_PX_H, ROOM_PX_W, VIEW_H, VIEW_W, ZOOM } from '../layout';

/**
 * The frame-rate baseline: a plain Phaser tilemap scene of the same canvas size and zoom as the
 * game, showing one room of a world's map and nothing else (no physics, sprites or HUD).
 * `npm run bench:fps` measures it beside the game.
 */
class BaselineScene extends Phaser.Scene {
  constructor() {
    super('Baseline');
  }

  create(): void {
    addRgbaTexture(this, TEX.tileset, paintTileset());
    const world = generateWorld('bench');
    this.cache.tilemap.add('map', { format: Phaser.Tilemaps.Formats.TILED_JSON, data: worldToTiled(world) });
    const map = this.make.tilemap({ key: 'map' });
    const tileset = map.addTilesetImage(TILED_NAMES.tileset, TEX.tileset)!;
    map.createLayer(TILED_NAMES.tiles, tileset, 0, 0);
    const cam = this.cameras.main.setViewport(0, HUD_H, VIEW_W, VIEW_H).setZoom(ZOOM).setRoundPixels(true);
    cam.centerOn((world.start.roomX + 0.5) * ROOM_PX_W, (world.start.roomY + 0.5) * ROOM_PX_H);
  }
}

const game = new Phaser.Game({
  type: Phaser.AUTO,
  parent: 'game',
  width: GAME_W,
  height: GAME_H,
  pixelArt: true,
  roundPixels: true,
  banner: false,
  scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
  scene: [BaselineScene],
});

declare global {
  interface Window {
    benchFps?: () => number;
  }
}
window.benchFps = () => game.loop.actualFps;
