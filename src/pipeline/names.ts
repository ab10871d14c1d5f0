import type { Rng } from '../core/rng';
import type { Biome, NpcRole } from '../core/vocab';

const ONSETS = ['b', 'br', 'c', 'd', 'dr', 'f', 'g', 'gr', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'th', 'v', 'w'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ae', 'ia', 'ou', 'y'];
const CODAS = ['', '', 'n', 'r', 'l', 's', 'th', 'nd', 'rk', 'm'];

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A pronounceable invented word of `syllables` syllables, capitalised ("Keldra"). */
export function inventWord(rng: Rng, syllables: number): string {
  let word = '';
  for (let i = 0; i < syllables; i++) {
    word += rng.pick(ONSETS) + rng.pick(VOWELS) + (i === syllables - 1 ? rng.pick(CODAS) : '');
  }
  return capitalise(word);
}

/** Titles an NPC's name may open with, per role. */
export const TITLES: Readonly<Record<NpcRole, readonly string[]>> = {
  elder: ['Old', 'Elder', 'Grandmother', 'Grandfather'],
  merchant: ['', 'Trader'],
  guard: ['Sergeant', 'Captain', 'Warden'],
  blacksmith: ['', 'Smith'],
  hermit: ['', 'Old'],
  priest: ['Sister', 'Brother', 'Mother'],
  bard: ['', ''],
  child: ['Little', '', ''],
  farmer: ['', 'Goodman', 'Goodwife'],
  scholar: ['Master', 'Magister', ''],
};

/** An NPC's name, sometimes with a title that fits the role ("Sister Maren"). */
export function npcName(rng: Rng, role: NpcRole): string {
  const title = rng.pick(TITLES[role]);
  const name = inventWord(rng, rng.int(1, 2));
  return title ? `${title} ${name}` : name;
}

export function heroName(rng: Rng): string {
  return inventWord(rng, 2);
}

/** The last word of a region's name, per biome. */
export const PLACE_SUFFIX: Readonly<Record<Biome, readonly string[]>> = {
  grassland: ['Meadow', 'Downs', 'Vale', 'Heath', 'Fields', 'Green'],
  forest: ['Wood', 'Thicket', 'Glade', 'Weald', 'Hollow', 'Grove'],
  desert: ['Sands', 'Wastes', 'Reach', 'Barrens', 'Ruins', 'Flats'],
  cave: ['Deep', 'Caverns', 'Grotto', 'Hollows', 'Depths', 'Warren'],
};

/** A region's proper name, no article ("Keldra Vale"). */
export function placeName(rng: Rng, biome: Biome): string {
  return `${inventWord(rng, rng.int(1, 2))} ${rng.pick(PLACE_SUFFIX[biome])}`;
}

export const ITEM_ADJECTIVES = ['Amber', 'Silver', 'Moonlit', 'Sunken', 'Ember', 'Whispering', 'Golden', 'Verdant', 'Frost', 'Starlit'];
export const ITEM_NOUNS = ['Chalice', 'Lantern', 'Crown', 'Harp', 'Compass', 'Seed', 'Mirror', 'Horn', 'Key', 'Tome', 'Amulet', 'Bell'];

/** The quest item's name including its article ("the Amber Chalice"). */
export function itemName(rng: Rng): string {
  return `the ${rng.pick(ITEM_ADJECTIVES)} ${rng.pick(ITEM_NOUNS)}`;
}
