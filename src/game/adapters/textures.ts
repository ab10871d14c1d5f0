import Phaser from 'phaser';
import { paintHeroSheet } from '../../art/hero';
import { paintHudIcons, paintPuffSheet, paintSword } from '../../art/heroGear';
import { paintTileset } from '../../art/tileset';
import { packSpriteSheet } from '../../art/spriteSheet';
import type { World } from '../../core/schema';
import type { SpriteSampler } from '../../pipeline/ports';
import { sampleWorldSprites } from '../sprites/worldSprites';

/** Texture keys of the art painted at boot. */
export const TEX = { tileset: 'tileset', hero: 'hero', sword: 'sword', puff: 'puff', icons: 'hud-icons' } as const;

interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/**
 * Registers an RGBA buffer as a texture (replacing one with the same key). With `frame`, the
 * image is cut into numbered square frames, row by row (a sprite sheet).
 */
export function addRgbaTexture(scene: Phaser.Scene, key: string, img: RgbaImage, frame?: number): void {
  if (scene.textures.exists(key)) scene.textures.remove(key);
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  const pixels = new Uint8ClampedArray(img.data);
  canvas.getContext('2d')!.putImageData(new ImageData(pixels, img.width, img.height), 0, 0);
  const texture = scene.textures.addCanvas(key, canvas);
  if (!texture || !frame) return;
  const cols = Math.floor(img.width / frame);
  const rows = Math.floor(img.height / frame);
  for (let i = 0; i < cols * rows; i++) texture.add(i, 0, (i % cols) * frame, Math.floor(i / cols) * frame, frame, frame);
}

/** The art every world shares: tileset, hero, sword, puff and HUD icons. Once per game. */
export function registerBaseTextures(scene: Phaser.Scene): void {
  if (scene.textures.exists(TEX.tileset)) return;
  addRgbaTexture(scene, TEX.tileset, paintTileset());
  addRgbaTexture(scene, TEX.hero, paintHeroSheet(), 16);
  addRgbaTexture(scene, TEX.sword, { width: 16, height: 16, data: paintSword() });
  addRgbaTexture(scene, TEX.puff, paintPuffSheet(), 16);
  addRgbaTexture(scene, TEX.icons, paintHudIcons(), 8);
}

/** A world's sprites as one sheet texture; `frameOf(key)` gives a sprite's first idle frame. */
export interface SpriteAtlas {
  texture: string;
  frameOf(key: string): number;
  sampler: string;
}

/** Samples and registers the sprites of a world (one texture per world, replaced on the next). */
export function registerWorldSprites(scene: Phaser.Scene, world: World, sampler: SpriteSampler): SpriteAtlas {
  const { sprites, index } = sampleWorldSprites(world, sampler);
  const sheet = packSpriteSheet(sprites);
  const texture = 'world-sprites';
  addRgbaTexture(scene, texture, sheet, sheet.frameSize);
  return {
    texture,
    sampler: sampler.name,
    frameOf(key) {
      const i = index.get(key);
      if (i === undefined) throw new Error(`no sprite for '${key}' in this world`);
      return i * 2;
    },
  };
}
