import { describe, expect, it } from 'vitest';
import { firstFrame, packSpriteSheet } from '../../src/art/spriteSheet';
import type { Sprite } from '../../src/pipeline/ports';

function solid(size: number, value: number): Sprite {
  const f = (v: number) => new Uint8ClampedArray(size * size * 4).fill(v);
  return { size, frames: [f(value), f(value + 1)] };
}

describe('packSpriteSheet', () => {
  it('puts sprite i at frames 2i and 2i+1, row by row', () => {
    const sheet = packSpriteSheet([solid(4, 10), solid(4, 20), solid(4, 30)], 4);
    expect(sheet).toMatchObject({ width: 16, height: 8, frameSize: 4, columns: 4 });
    const at = (frame: number) => sheet.data[((Math.floor(frame / 4) * 4 + 1) * sheet.width + (frame % 4) * 4 + 1) * 4];
    expect([0, 1, 2, 3, 4, 5].map(at)).toEqual([10, 11, 20, 21, 30, 31]);
    expect(firstFrame(2)).toBe(4);
    // the unused last two frames stay transparent
    expect(at(6)).toBe(0);
  });

  it('defaults to one row and rejects mixed sizes and empty input', () => {
    expect(packSpriteSheet([solid(16, 1), solid(16, 2)])).toMatchObject({ width: 64, height: 16 });
    expect(() => packSpriteSheet([])).toThrow(/no sprites/);
    expect(() => packSpriteSheet([solid(16, 1), solid(8, 1)])).toThrow(/sprite 1 is 8 px/);
  });
});
