import type { Rng } from '../core/rng';
import type { SpriteClass } from '../core/vocab';
import type { Sprite, SpriteRequest, SpriteSampleOptions, SpriteSampler } from '../pipeline/ports';
import { padCentre, toPremul, type Premul } from './spriteImage';
import { finishSprite } from './spritePost';
import { postOptionsFor } from './spriteStyle';

/**
 * The procedural baseline and fallback, in the manner of the classic pixel sprite generator:
 * a hand-drawn half template per class whose cells are "always", "maybe" or "never" filled,
 * mirrored into a whole sprite, coloured by role (body, skin, cloth, ...) and shaded from the top
 * with darker edges. Templates are 7 columns (the left half; column 6 touches the axis) × 14 rows.
 *
 * Cell letters: `.` empty; upper case = always filled, lower case = filled with the role's
 * chance. Roles: B/b body, E eye, X/x accent (horns, hair, hat), H/h skin, C/c cloth, L/l legs,
 * M metal, G glass, Q/q liquid, J/j gem.
 */
const TEMPLATES: Readonly<Record<SpriteClass, readonly (readonly string[])[]>> = {
  creature: [
    ['.......', '...x...', '...xb..', '..bBBBB', '.bBBBBB', '.bBEBBB', '.bBBBBB', 'bbBBBBB', 'bbBBBBB', '.bBBBBB', '..bBBBB', '..L..L.', '..l..l.', '.......'],
    ['.......', '....x..', '....xb.', '....BBB', '.b..BEB', 'bbb.BBB', 'bBBbBBB', 'bBBBBBB', '.bBBBBB', '..bBBBB', '...bBBB', '....L.L', '....l.l', '.......'],
    ['.......', '.......', '....bbb', '...bBBB', '..bBBBB', '..BEBBB', '.bBBBBB', '.bBBBBB', 'bbBBBBB', 'bBBBBBB', '.bBBBBB', '..bBBBB', '...bbbb', '.......'],
  ],
  character: [
    ['.....xx', '....xHH', '....HHH', '....HEH', '....HHH', '.....HH', '...cCCC', '..cCCCC', '..hCCCC', '..hCCCC', '...CCCC', '...LL..', '...LL..', '...ll..'],
    ['....xxx', '...xXXX', '....HHH', '....HEH', '....HHH', '.....HH', '..cCCCC', '..CCCCC', '..hCCCC', '..hCCCC', '..cCCCC', '..cCCCC', '...LL..', '...LL..'],
  ],
  item: [
    ['.......', '.....MM', '.....GG', '.....GG', '....GGG', '...gGGG', '..gQQQQ', '..QQQQQ', '..QQQQQ', '..QQQQQ', '...QQQQ', '....QQQ', '.......', '.......'],
    ['.......', '.......', '...jJJJ', '..jJJJJ', '.jJJJJJ', 'jJJJJJJ', '.JJJJJJ', '..JJJJJ', '...JJJJ', '....JJJ', '.....JJ', '......J', '.......', '.......'],
    ['.......', '.MMMMMM', '.MJJJJJ', '.MJJJJJ', '.MJJqJJ', '.MJJJJJ', '.MJJJJJ', '..MJJJJ', '..MJJJJ', '...MJJJ', '....MJJ', '.....MM', '.......', '.......'],
    ['......M', '.....MM', '.....MM', '.....MM', '.....MM', '.....MM', '.....MM', '.....MM', '..XXXXX', '.....CC', '.....CC', '.....XX', '.......', '.......'],
  ],
};

type Rgb = [number, number, number];

const HUES: readonly Rgb[] = [
  [196, 64, 60], [230, 130, 50], [236, 200, 70], [90, 170, 70], [50, 110, 60], [60, 110, 200],
  [120, 190, 230], [110, 80, 160], [210, 100, 170], [140, 95, 60], [120, 120, 130], [230, 225, 210],
];
const SKINS: readonly Rgb[] = [[245, 205, 165], [225, 170, 120], [190, 130, 85], [140, 90, 60], [250, 210, 80]];

/** Chance that a lower-case cell of each role is filled. */
const MAYBE: Readonly<Record<string, number>> = { b: 0.55, x: 0.4, h: 0.7, c: 0.6, l: 0.6, g: 0.5, q: 0.6, j: 0.55 };

function roleColours(rng: Rng): Record<string, Rgb> {
  const body = rng.pick(HUES);
  return {
    B: body,
    E: rng.chance(0.5) ? [25, 20, 30] : [250, 250, 245],
    X: rng.pick(HUES),
    H: rng.pick(SKINS),
    C: rng.pick(HUES),
    L: rng.pick([[60, 50, 70], [90, 70, 50], ...HUES.slice(5, 8)] as Rgb[]),
    M: rng.pick([[150, 150, 160], [200, 170, 80], [120, 80, 50]] as Rgb[]),
    G: [190, 225, 240],
    Q: rng.pick(HUES),
    J: rng.pick(HUES),
  };
}

/**
 * Draws one sprite of `cls` as a soft-free premultiplied 16×16 image (14×14 drawing, centred).
 * @returns premultiplied RGBA floats, 16×16×4
 */
export function drawProcedural(cls: SpriteClass, rng: Rng): Premul {
  const rows = rng.pick(TEMPLATES[cls]);
  const colours = roleColours(rng);
  const w = 14;
  const h = rows.length;
  const role: (string | null)[] = new Array(w * h).fill(null);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < 7; x++) {
      const ch = rows[y][x];
      if (ch === '.') continue;
      const upper = ch.toUpperCase();
      if (ch !== upper && !rng.chance(MAYBE[ch] ?? 0.5)) continue;
      role[y * w + x] = upper;
      role[y * w + (w - 1 - x)] = upper;
    }
  }
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const r = role[y * w + x];
      if (!r) continue;
      // Light from above, darker rims: reads as a rounded body even at 14 px.
      const rim = [[-1, 0], [1, 0], [0, -1], [0, 1]].some(([dx, dy]) => {
        const [nx, ny] = [x + dx, y + dy];
        return nx < 0 || ny < 0 || nx >= w || ny >= h || !role[ny * w + nx];
      });
      const shade = (1.15 - (0.4 * y) / h) * (rim && r !== 'E' ? 0.78 : 1) * rng.float(0.95, 1.05);
      const c = colours[r];
      const o = (y * w + x) * 4;
      for (let k = 0; k < 3; k++) rgba[o + k] = Math.round(c[k] * (r === 'E' ? 1 : shade));
      rgba[o + 3] = 255;
    }
  }
  return padCentre(toPremul(rgba), w, h, 16);
}

/** The procedural SpriteSampler: one sprite per request from `rng.fork(key)`, post-processed like GAN sprites. */
export function proceduralSampler(): SpriteSampler {
  return {
    name: 'procedural',
    sampleSprites(requests: readonly SpriteRequest[], rng: Rng, options: SpriteSampleOptions): Sprite[] {
      return requests.map((r) => ({
        size: 16,
        frames: finishSprite(drawProcedural(r.cls, rng.fork(`sprite:${r.key}`)), postOptionsFor(r.cls, r.biome, options)),
      }));
    },
  };
}
