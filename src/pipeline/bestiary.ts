import type { Biome } from '../core/vocab';

/** A kind of enemy. `name` is what dialogue calls it ("the {foe}"). */
export interface Foe {
  id: string;
  name: string;
  hp: number;
  /** Tiles per second. */
  speed: number;
}

/** The foes of each biome, weakest first. */
export const BESTIARY: Readonly<Record<Biome, readonly Foe[]>> = {
  grassland: [
    { id: 'slime', name: 'slime', hp: 2, speed: 1.6 },
    { id: 'field-rat', name: 'field rat', hp: 1, speed: 3.2 },
    { id: 'wild-boar', name: 'wild boar', hp: 4, speed: 2.6 },
  ],
  forest: [
    { id: 'bramble-imp', name: 'bramble imp', hp: 2, speed: 2.4 },
    { id: 'forest-spider', name: 'forest spider', hp: 3, speed: 3.0 },
    { id: 'grey-wolf', name: 'grey wolf', hp: 4, speed: 3.4 },
  ],
  desert: [
    { id: 'sand-scorpion', name: 'sand scorpion', hp: 3, speed: 2.2 },
    { id: 'dust-wraith', name: 'dust wraith', hp: 2, speed: 3.0 },
    { id: 'bone-knight', name: 'bone knight', hp: 5, speed: 1.8 },
  ],
  cave: [
    { id: 'cave-bat', name: 'cave bat', hp: 1, speed: 3.6 },
    { id: 'rock-crawler', name: 'rock crawler', hp: 4, speed: 1.6 },
    { id: 'ember-slug', name: 'ember slug', hp: 3, speed: 1.4 },
  ],
};

export function findFoe(id: string): Foe | undefined {
  for (const foes of Object.values(BESTIARY)) {
    const foe = foes.find((f) => f.id === id);
    if (foe) return foe;
  }
  return undefined;
}

/** The word dialogue uses for a biome ({biome} slot): a plural landscape noun. */
export const BIOME_WORD: Readonly<Record<Biome, string>> = {
  grassland: 'meadows',
  forest: 'woods',
  desert: 'dunes',
  cave: 'caves',
};
