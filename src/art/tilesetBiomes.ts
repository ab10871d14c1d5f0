import type { Biome } from '../core/vocab';
import type { Rgb } from './tilesetPixels';

/** How a biome's tiles look: colours plus the style of each painter. */
export interface BiomeLook {
  ground: { style: 'grass' | 'moss' | 'sand' | 'slabs'; base: Rgb; dark: Rgb; light: Rgb; accents: readonly Rgb[] };
  wall: { style: 'cliff' | 'canopy' | 'sandstone' | 'bricks'; top: Rgb; topDark: Rgb; face: Rgb; faceDark: Rgb; light: Rgb };
  block: { style: 'bush' | 'tree' | 'cactus' | 'boulder'; main: Rgb; dark: Rgb; light: Rgb; extra: Rgb };
  /** Water (lava in caves): deep, mid and highlight tones; `bank` is the shore edge. */
  water: { deep: Rgb; mid: Rgb; light: Rgb; bank: Rgb; lava: boolean };
  path: { base: Rgb; dark: Rgb; light: Rgb };
  wood: { plank: Rgb; dark: Rgb; light: Rgb };
  void: Rgb;
}

export const BIOME_LOOKS: Readonly<Record<Biome, BiomeLook>> = {
  grassland: {
    ground: { style: 'grass', base: [92, 168, 74], dark: [70, 142, 60], light: [128, 196, 92], accents: [[246, 220, 92], [236, 128, 168], [240, 240, 232]] },
    wall: { style: 'cliff', top: [156, 136, 104], topDark: [124, 106, 82], face: [112, 92, 70], faceDark: [78, 62, 50], light: [196, 178, 140] },
    block: { style: 'bush', main: [52, 126, 58], dark: [30, 84, 40], light: [104, 176, 84], extra: [214, 64, 64] },
    water: { deep: [52, 102, 190], mid: [72, 134, 216], light: [176, 220, 248], bank: [86, 72, 56], lava: false },
    path: { base: [200, 170, 116], dark: [170, 140, 94], light: [222, 196, 146] },
    wood: { plank: [164, 112, 66], dark: [104, 68, 42], light: [200, 150, 96] },
    void: [18, 22, 30],
  },
  forest: {
    ground: { style: 'moss', base: [62, 120, 66], dark: [46, 96, 52], light: [86, 146, 78], accents: [[204, 120, 48], [168, 84, 42], [214, 70, 60]] },
    wall: { style: 'canopy', top: [38, 96, 52], topDark: [24, 66, 38], face: [92, 62, 40], faceDark: [58, 38, 28], light: [84, 150, 76] },
    block: { style: 'tree', main: [44, 112, 56], dark: [24, 70, 38], light: [92, 160, 80], extra: [112, 74, 46] },
    water: { deep: [30, 84, 110], mid: [44, 112, 138], light: [140, 200, 210], bank: [60, 46, 34], lava: false },
    path: { base: [132, 104, 70], dark: [106, 82, 56], light: [156, 126, 88] },
    wood: { plank: [140, 96, 58], dark: [86, 56, 36], light: [176, 130, 82] },
    void: [12, 20, 16],
  },
  desert: {
    ground: { style: 'sand', base: [226, 198, 136], dark: [204, 172, 112], light: [240, 220, 168], accents: [[170, 140, 100], [236, 232, 216], [150, 118, 80]] },
    wall: { style: 'sandstone', top: [214, 168, 108], topDark: [188, 140, 86], face: [176, 122, 74], faceDark: [130, 86, 54], light: [240, 204, 146] },
    block: { style: 'cactus', main: [80, 150, 76], dark: [46, 102, 52], light: [130, 192, 104], extra: [246, 226, 120] },
    water: { deep: [40, 130, 180], mid: [64, 164, 206], light: [190, 236, 244], bank: [176, 138, 90], lava: false },
    path: { base: [236, 214, 164], dark: [212, 186, 134], light: [248, 232, 192] },
    wood: { plank: [170, 120, 72], dark: [112, 74, 44], light: [206, 160, 104] },
    void: [40, 26, 20],
  },
  cave: {
    ground: { style: 'slabs', base: [82, 80, 96], dark: [58, 56, 70], light: [106, 104, 120], accents: [[120, 116, 130], [70, 120, 150], [140, 120, 90]] },
    wall: { style: 'bricks', top: [64, 60, 80], topDark: [44, 40, 58], face: [100, 96, 118], faceDark: [60, 56, 74], light: [136, 132, 152] },
    block: { style: 'boulder', main: [118, 112, 124], dark: [70, 66, 80], light: [160, 154, 166], extra: [110, 200, 230] },
    water: { deep: [190, 58, 24], mid: [236, 110, 32], light: [255, 214, 90], bank: [40, 30, 34], lava: true },
    path: { base: [70, 66, 82], dark: [48, 46, 60], light: [92, 88, 104] },
    wood: { plank: [120, 86, 60], dark: [72, 50, 36], light: [152, 112, 78] },
    void: [8, 8, 12],
  },
};
