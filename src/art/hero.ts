/**
 * The hero: a hand-drawn 16×16 adventurer (blue tunic, red scarf), drawn from character maps so
 * every pixel is chosen, not sampled. Frames: down, up, left, right × 2 walking frames
 * (right mirrors left). Pure: returns RGBA buffers for the game and the exporters.
 */

export const HERO_SIZE = 16;
export const HERO_FACINGS = ['down', 'up', 'left', 'right'] as const;
export type Facing = (typeof HERO_FACINGS)[number];

/** Colours by map character; '.' is transparent. */
const INK: Readonly<Record<string, readonly [number, number, number]>> = {
  o: [27, 20, 35], // outline
  h: [122, 74, 42], // hair
  H: [160, 104, 60], // hair highlight
  s: [242, 201, 160], // skin
  e: [27, 20, 35], // eye
  r: [214, 58, 58], // scarf
  t: [58, 108, 200], // tunic
  T: [98, 150, 232], // tunic highlight
  d: [36, 66, 140], // tunic shade
  b: [150, 96, 52], // belt
  k: [88, 58, 40], // boots
};

/** Symmetric rows are written as their left half and mirrored. */
const mirror = (half: string) => half + [...half].reverse().join('');

const DOWN_BODY = [
  '........',
  '....oooo',
  '...ohhhh',
  '..ohhHhh',
  '..ohssss',
  '..ossess',
  '..osssss',
  '...orrrr',
  '..ottrrr',
  '.osTtttt',
  '.osbbbbb',
  '..ottttt',
  '..otdddd',
].map(mirror);

const UP_BODY = [
  '........',
  '....oooo',
  '...ohhhh',
  '..ohhHhh',
  '..ohhhhh',
  '..ohhhhh',
  '..oshhhh',
  '...orrrr',
  '..ottttr',
  '.osTtttt',
  '.osbbbbb',
  '..ottttt',
  '..otdddd',
].map(mirror);

const FRONT_LEGS: ReadonlyArray<readonly string[]> = [
  ['...okko..okko...', '...okko..okko...', '....oo....oo....'],
  ['...okko..okko...', '....oo...okko...', '..........oo....'],
];

const LEFT_BODY = [
  '................',
  '.....ooooo......',
  '....ohhhhho.....',
  '...ohhhHhhho....',
  '...ossshhhhho...',
  '..osesshhhho....',
  '..osssshhhho....',
  '....orrrrro.....',
  '...orrttttto....',
  '...oTtttttrro...',
  '...ostbbbbbo....',
  '...otttttto.....',
  '...otddddto.....',
];

const SIDE_LEGS: ReadonlyArray<readonly string[]> = [
  ['...okko.okko....', '...okko.okko....', '...oo....oo.....'],
  ['....okkko.......', '....okkko.......', '.....ooo........'],
];

/** The character map of one frame (16 rows of 16 chars). Frame 1 bobs the body up a pixel. */
export function heroFrameMap(facing: Facing, frame: 0 | 1): string[] {
  const side = facing === 'left' || facing === 'right';
  const body = facing === 'down' ? DOWN_BODY : facing === 'up' ? UP_BODY : LEFT_BODY;
  const legs = (side ? SIDE_LEGS : FRONT_LEGS)[frame];
  const rows = frame === 1 ? [...body.slice(1), body[body.length - 1]] : [...body];
  const map = [...rows, ...legs];
  return facing === 'right' ? map.map((r) => [...r].reverse().join('')) : map;
}

/** Paints a character map into RGBA (16×16×4 bytes); throws on a bad row or colour. */
export function paintMap(map: readonly string[], ink: Readonly<Record<string, readonly [number, number, number]>> = INK): Uint8ClampedArray {
  const size = map.length;
  const out = new Uint8ClampedArray(size * size * 4);
  map.forEach((row, y) => {
    if (row.length !== size) throw new Error(`paintMap: row ${y} has ${row.length} pixels, expected ${size}`);
    [...row].forEach((ch, x) => {
      if (ch === '.') return;
      const c = ink[ch];
      if (!c) throw new Error(`paintMap: unknown colour '${ch}' at row ${y}, column ${x}`);
      out.set([c[0], c[1], c[2], 255], (y * size + x) * 4);
    });
  });
  return out;
}

/**
 * The hero sheet: 8 frames in one row (128×16), in the order of HERO_FACINGS × [frame 0, 1].
 * Frame index = facingIndex·2 + step.
 */
export function paintHeroSheet(): { width: number; height: number; data: Uint8ClampedArray } {
  const frames = HERO_FACINGS.flatMap((f) => [paintMap(heroFrameMap(f, 0)), paintMap(heroFrameMap(f, 1))]);
  const width = frames.length * HERO_SIZE;
  const data = new Uint8ClampedArray(width * HERO_SIZE * 4);
  frames.forEach((frame, i) => {
    for (let y = 0; y < HERO_SIZE; y++) data.set(frame.subarray(y * HERO_SIZE * 4, (y + 1) * HERO_SIZE * 4), (y * width + i * HERO_SIZE) * 4);
  });
  return { width, height: HERO_SIZE, data };
}

/** Frame index of a facing and step in the hero sheet. */
export function heroFrame(facing: Facing, step: 0 | 1): number {
  return HERO_FACINGS.indexOf(facing) * 2 + step;
}
