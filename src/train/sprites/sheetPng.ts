import { encode } from 'fast-png';
import { writeAtomic } from './datasetFiles';

/**
 * Writes sprites as a PNG grid (each scaled up by `scale`, on a checkerboard so transparency
 * shows). Rows of `columns` sprites; `gapAfter` inserts a blank column after that many columns
 * (to set generated and real side by side).
 * @param sprites straight RGBA bytes, size×size×4 each
 */
export function writeSpriteGrid(path: string, sprites: readonly Uint8ClampedArray[], size: number, columns: number, scale = 4, gapAfter = 0): void {
  const rows = Math.max(1, Math.ceil(sprites.length / columns));
  const gap = gapAfter > 0 ? size : 0;
  const cellW = size * scale;
  const width = columns * cellW + gap * scale;
  const height = rows * cellW;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const light = ((x >> 3) + (y >> 3)) % 2 === 0;
      data[o] = data[o + 1] = data[o + 2] = light ? 200 : 170;
      data[o + 3] = 255;
    }
  }
  sprites.forEach((s, k) => {
    const col = k % columns;
    const ox = col * cellW + (gapAfter > 0 && col >= gapAfter ? gap * scale : 0);
    const oy = Math.floor(k / columns) * cellW;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const i = (y * size + x) * 4;
        const a = s[i + 3] / 255;
        if (a === 0) continue;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const o = ((oy + y * scale + dy) * width + ox + x * scale + dx) * 4;
            for (let c = 0; c < 3; c++) data[o + c] = Math.round(s[i + c] * a + data[o + c] * (1 - a));
          }
        }
      }
    }
  });
  writeAtomic(path, encode({ width, height, data, channels: 4, depth: 8 }));
}
