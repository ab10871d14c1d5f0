import type { Sprite } from '../pipeline/ports';

/** One RGBA image holding every frame of a list of sprites, for a single Phaser texture. */
export interface SpriteSheet {
  /** Pixels across and down. */
  width: number;
  height: number;
  /** width×height×4 bytes, straight alpha, row-major. */
  data: Uint8ClampedArray;
  /** Frame side in pixels (Phaser `frameWidth`/`frameHeight`). */
  frameSize: number;
  /** Frames per row (Phaser numbers frames row by row). */
  columns: number;
}

/**
 * Packs sprites into one sheet, frames side by side: sprite i's idle frames are frames 2i and
 * 2i+1 (`firstFrame(i)`), filled row by row with `columns` frames per row (default: all in one row,
 * at most 64 frames wide). All sprites must have the same size.
 */
export function packSpriteSheet(sprites: readonly Sprite[], columns?: number): SpriteSheet {
  if (sprites.length === 0) throw new Error('packSpriteSheet: no sprites');
  const size = sprites[0].size;
  const frames = sprites.length * 2;
  const cols = Math.max(1, Math.min(columns ?? Math.min(frames, 64), frames));
  const rows = Math.ceil(frames / cols);
  const width = cols * size;
  const height = rows * size;
  const data = new Uint8ClampedArray(width * height * 4);
  sprites.forEach((sprite, s) => {
    if (sprite.size !== size) throw new Error(`packSpriteSheet: sprite ${s} is ${sprite.size} px, expected ${size}`);
    sprite.frames.forEach((frame, f) => {
      if (frame.length !== size * size * 4) throw new Error(`packSpriteSheet: sprite ${s} frame ${f} has ${frame.length} bytes`);
      const k = s * 2 + f;
      const ox = (k % cols) * size;
      const oy = Math.floor(k / cols) * size;
      for (let y = 0; y < size; y++) {
        data.set(frame.subarray(y * size * 4, (y + 1) * size * 4), ((oy + y) * width + ox) * 4);
      }
    });
  });
  return { width, height, data, frameSize: size, columns: cols };
}

/** Index of sprite i's first idle frame in a packed sheet (the second is this + 1). */
export function firstFrame(spriteIndex: number): number {
  return spriteIndex * 2;
}
