import { paintMap } from './hero';

/**
 * The hero's gear and what the HUD counts: the sword (16×16, pointing up; the game rotates it),
 * a puff of smoke (3 frames, 16×16) for defeated enemies, and 8×8 HUD icons.
 */

const GEAR_INK: Readonly<Record<string, readonly [number, number, number]>> = {
  o: [27, 20, 35],
  w: [244, 244, 250],
  l: [170, 178, 196],
  g: [236, 188, 60],
  G: [176, 124, 36],
  b: [122, 78, 44],
  p: [236, 236, 240],
  P: [190, 190, 204],
  r: [226, 52, 72],
  R: [150, 28, 50],
  y: [250, 214, 74],
  Y: [196, 140, 30],
  c: [90, 220, 230],
  C: [40, 140, 180],
  k: [60, 56, 70],
};

const SWORD = [
  '................',
  '.......oo.......',
  '......owlo......',
  '......owlo......',
  '......owlo......',
  '......owlo......',
  '......owlo......',
  '......owlo......',
  '......owlo......',
  '......owlo......',
  '...oooowloooo...',
  '...oggggggGGo...',
  '...oooobboooo...',
  '......obbo......',
  '......ogGo......',
  '.......oo.......',
];

const PUFFS = [
  [
    '................',
    '................',
    '................',
    '................',
    '......pp........',
    '.....pppp.pp....',
    '....ppPPppppp...',
    '....pPPPPpPPp...',
    '...ppPPPPPPpp...',
    '...pppPPPPppp...',
    '....ppppppppp...',
    '.....ppp.ppp....',
    '................',
    '................',
    '................',
    '................',
  ],
  [
    '................',
    '................',
    '....pp....pp....',
    '...pppp..pPPp...',
    '...pPPp..pPPp...',
    '....pp....pp....',
    '..pp..........p.',
    '.pPPp.......pPp.',
    '.pPPp........p..',
    '..pp.....pp.....',
    '........pPPp....',
    '...pp...pPPp....',
    '..pPPp...pp.....',
    '...pp...........',
    '................',
    '................',
  ],
  [
    '................',
    '..p..........p..',
    '................',
    '.....p....p.....',
    '................',
    'p..............p',
    '................',
    '................',
    '................',
    '................',
    '.p............p.',
    '................',
    '....p......p....',
    '................',
    '.p............p.',
    '................',
  ],
];

/** 8×8 HUD icons, in the order of HUD_ICONS. */
const ICONS: Readonly<Record<string, readonly string[]>> = {
  heart: ['.oo..oo.', 'orroorro', 'orwrrrro', 'orrrrrro', '.orrrRo.', '..orRo..', '...oo...', '........'],
  heartEmpty: ['.oo..oo.', 'okkookko', 'okkkkkko', 'okkkkkko', '.okkkko.', '..okko..', '...oo...', '........'],
  coin: ['..oooo..', '.oyyyYo.', 'oyywyyYo', 'oyywyyYo', 'oyywyyYo', 'oyyyyyYo', '.oYYYYo.', '..oooo..'],
  gem: ['..oooo..', '.owccCo.', 'owcccCCo', 'occccCCo', '.occCCo.', '..ocCo..', '...oo...', '........'],
  key: ['..ooo...', '.oyyyo..', '.oy.yo..', '.oyyyo..', '..oyo...', '..oyyo..', '..oyo...', '..oyyo..'],
};
export const HUD_ICONS = ['heart', 'heartEmpty', 'coin', 'gem', 'key'] as const;
export type HudIcon = (typeof HUD_ICONS)[number];

export function paintSword(): Uint8ClampedArray {
  return paintMap(SWORD, GEAR_INK);
}

/** Three 16×16 puff frames side by side (48×16). */
export function paintPuffSheet(): { width: number; height: number; data: Uint8ClampedArray } {
  return packRow(PUFFS.map((p) => paintMap(p, GEAR_INK)), 16);
}

/** The HUD icons side by side (40×8), in HUD_ICONS order. */
export function paintHudIcons(): { width: number; height: number; data: Uint8ClampedArray } {
  return packRow(HUD_ICONS.map((k) => paintMap(ICONS[k], GEAR_INK)), 8);
}

function packRow(frames: Uint8ClampedArray[], size: number): { width: number; height: number; data: Uint8ClampedArray } {
  const width = frames.length * size;
  const data = new Uint8ClampedArray(width * size * 4);
  frames.forEach((f, i) => {
    for (let y = 0; y < size; y++) data.set(f.subarray(y * size * 4, (y + 1) * size * 4), (y * width + i * size) * 4);
  });
  return { width, height: size, data };
}
