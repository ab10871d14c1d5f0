import { positionHash } from '../../art/tilesetLayout';
import type { Sprite, SpriteRequest, SpriteSampler } from '../../pipeline/ports';

/**
 * THE SPRITE ADAPTER (temporary): labelled placeholder sprites until the sprite helper's
 * procedural sampler (src/art/spriteProcedural.ts) lands; swap `placeholderSpriteSampler` for it
 * in src/game/boot/generators.ts. A placeholder is a plain shape per class (creature blob, item
 * gem, character figure) in a colour hashed from its key, stamped with a letter, so nobody
 * mistakes it for finished art.
 */

const SIZE = 16;
/** 3×5 glyphs for the label letters. */
const GLYPHS: Readonly<Record<string, string>> = {
  A: '010101111101101', B: '110101110101110', C: '011100100100011', D: '110101101101110', E: '111100110100111',
  F: '111100110100100', G: '011100101101011', H: '101101111101101', I: '111010010010111', K: '101101110101101',
  L: '100100100100111', M: '101111111101101', N: '110101101101101', O: '010101101101010', P: '110101110100100',
  R: '110101110101101', S: '011100010001110', T: '111010010010010', W: '101101111111101', '?': '110001010000010',
};

function hsl(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h * 12) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

function inShape(cls: SpriteRequest['cls'], x: number, y: number): boolean {
  const cx = x - 7.5;
  if (cls === 'creature') return (cx / 6.5) ** 2 + ((y - 9.5) / 5.5) ** 2 <= 1;
  if (cls === 'item') return Math.abs(cx) + Math.abs(y - 8) <= 6.5;
  return (cx / 3.2) ** 2 + ((y - 4) / 3) ** 2 <= 1 || (y >= 7 && y <= 14 && Math.abs(cx) <= 4.5 - (14 - y) * 0.2);
}

function labelOf(key: string): string {
  const name = key.slice(key.indexOf(':') + 1);
  const letter = name.replace(/^npc-?/, '').charAt(0).toUpperCase();
  return key.startsWith('npc:') ? 'N' : GLYPHS[letter] ? letter : '?';
}

function paint(req: SpriteRequest, bob: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(SIZE * SIZE * 4);
  const body = hsl(positionHash(...[...req.key].map((c) => c.charCodeAt(0))), 0.55, 0.55);
  const dark: [number, number, number] = [27, 20, 35];
  const inside = (x: number, y: number) => x >= 0 && y >= 0 && x < SIZE && y < SIZE && inShape(req.cls, x, y - bob);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      if (!inside(x, y)) continue;
      const edge = !inside(x - 1, y) || !inside(x + 1, y) || !inside(x, y - 1) || !inside(x, y + 1);
      out.set([...(edge ? dark : body), 255], (y * SIZE + x) * 4);
    }
  }
  const glyph = GLYPHS[labelOf(req.key)];
  const gy = (req.cls === 'character' ? 8 : 7) + bob;
  for (let i = 0; i < 15; i++) if (glyph[i] === '1') out.set([255, 255, 255, 255], ((gy + Math.floor(i / 3)) * SIZE + 6 + (i % 3)) * 4);
  return out;
}

export const placeholderSpriteSampler: SpriteSampler = {
  name: 'procedural',
  sampleSprites(requests): Sprite[] {
    return requests.map((r) => ({ size: SIZE, frames: [paint(r, 0), paint(r, 1)] as const }));
  },
};
