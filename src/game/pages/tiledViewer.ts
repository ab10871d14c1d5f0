import Phaser from 'phaser';

/**
 * A Tiled map viewer: `tiled.html?map=URL` loads a `.tmj` with `load.tilemapTiledJSON`, then
 * the tileset image its embedded tileset names (relative to the map, as Tiled resolves it), and
 * draws every tile layer plus the object layers as labelled boxes. The e2e test opens an
 * exported map here; `window.tiledView` reports what loaded.
 */
export interface TiledView {
  ok: boolean;
  error?: string;
  width?: number;
  height?: number;
  tileLayers?: string[];
  objectLayers?: string[];
  objects?: number;
  nonEmptyTiles?: number;
  tileset?: string;
  image?: string;
}

declare global {
  interface Window {
    tiledView?: TiledView;
  }
}

const COLORS: Record<string, number> = { enemy: 0xff5050, item: 0x50ff80, chest: 0xffc040, npc: 0x50c0ff, goal: 0xffff40, start: 0xffffff };

class TiledViewerScene extends Phaser.Scene {
  private mapUrl = '';

  constructor() {
    super('TiledViewer');
  }

  preload(): void {
    const asked = new URL(location.href).searchParams.get('map');
    if (!asked) return;
    this.mapUrl = new URL(asked, location.href).toString();
    this.load.tilemapTiledJSON('map', this.mapUrl);
    this.load.once('filecomplete-tilemapJSON-map', () => {
      const data = this.cache.tilemap.get('map')?.data as { tilesets?: Array<{ image?: string }> } | undefined;
      const image = data?.tilesets?.[0]?.image;
      if (image) this.load.image('tileset-image', new URL(image, this.mapUrl).toString());
    });
    this.load.on('loaderror', (file: Phaser.Loader.File) => {
      window.tiledView = { ok: false, error: `could not load ${file.src}` };
    });
  }

  create(): void {
    if (!this.mapUrl) {
      this.add.text(20, 20, 'Open tiled.html?map=URL-of-a.tmj', { color: '#ffffff' });
      window.tiledView = { ok: false, error: 'no ?map= given' };
      return;
    }
    if (window.tiledView?.ok === false) return;
    try {
      window.tiledView = this.show();
    } catch (e) {
      window.tiledView = { ok: false, error: (e as Error).message };
    }
  }

  private show(): TiledView {
    const map = this.make.tilemap({ key: 'map' });
    const ts = map.tilesets[0];
    if (!ts) throw new Error('the map has no tileset');
    const tileset = map.addTilesetImage(ts.name, 'tileset-image');
    if (!tileset) throw new Error(`tileset '${ts.name}' did not attach to its image`);
    const tileLayers = map.layers.map((l) => l.name);
    let nonEmpty = 0;
    for (const name of tileLayers) {
      const layer = map.createLayer(name, tileset, 0, 0);
      layer?.forEachTile((t) => {
        if (t.index > 0) nonEmpty++;
      });
    }
    const objectLayers = map.objects.map((o) => o.name);
    let objects = 0;
    const g = this.add.graphics();
    for (const layer of map.objects) {
      for (const o of layer.objects) {
        objects++;
        g.lineStyle(1, COLORS[o.type ?? ''] ?? 0xff00ff, 1).strokeRect(o.x ?? 0, o.y ?? 0, o.width ?? 16, o.height ?? 16);
      }
    }
    const zoom = Math.min(this.scale.width / map.widthInPixels, this.scale.height / map.heightInPixels);
    this.cameras.main.setZoom(zoom).centerOn(map.widthInPixels / 2, map.heightInPixels / 2);
    return { ok: true, width: map.width, height: map.height, tileLayers, objectLayers, objects, nonEmptyTiles: nonEmpty, tileset: ts.name, image: (this.cache.tilemap.get('map')?.data as { tilesets: Array<{ image: string }> }).tilesets[0].image };
  }
}

new Phaser.Game({
  type: Phaser.AUTO,
  parent: 'game',
  width: 1280,
  height: 880,
  pixelArt: true,
  banner: false,
  backgroundColor: '#08080c',
  scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
  scene: [TiledViewerScene],
});
