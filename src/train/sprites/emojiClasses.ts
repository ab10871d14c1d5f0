import type { SpriteClass } from '../../core/vocab';

/**
 * Which emoji become which sprite class. Keyed by the `category / subcategory` pair of the
 * emoji-datasource `emoji.json`; anything not listed (flags, symbols, smileys, hands, places,
 * vehicles ...) is not used. Individual short names can be excluded (things that are neither).
 */
const SUBCATEGORY_CLASS: Readonly<Record<string, SpriteClass>> = {
  'Animals & Nature / animal-mammal': 'creature',
  'Animals & Nature / animal-bird': 'creature',
  'Animals & Nature / animal-amphibian': 'creature',
  'Animals & Nature / animal-reptile': 'creature',
  'Animals & Nature / animal-marine': 'creature',
  'Animals & Nature / animal-bug': 'creature',
  'Smileys & Emotion / face-costume': 'creature',

  'People & Body / person': 'character',
  'People & Body / person-role': 'character',
  'People & Body / person-fantasy': 'character',
  'People & Body / person-gesture': 'character',
  'People & Body / person-activity': 'character',
  'People & Body / person-sport': 'character',
  'People & Body / person-resting': 'character',
  'People & Body / family': 'character',

  'Food & Drink / food-fruit': 'item',
  'Food & Drink / food-vegetable': 'item',
  'Food & Drink / food-prepared': 'item',
  'Food & Drink / food-sweet': 'item',
  'Food & Drink / drink': 'item',
  'Food & Drink / dishware': 'item',
  'Objects / clothing': 'item',
  'Objects / money': 'item',
  'Objects / tool': 'item',
  'Objects / lock': 'item',
  'Objects / medical': 'item',
  'Objects / science': 'item',
  'Objects / musical-instrument': 'item',
  'Objects / book-paper': 'item',
  'Objects / writing': 'item',
  'Objects / light & video': 'item',
  'Objects / household': 'item',
  'Objects / other-object': 'item',
  'Activities / award-medal': 'item',
  'Activities / game': 'item',
  'Smileys & Emotion / heart': 'item',
};

/** Short names inside mapped subcategories that are not what the class means. */
const EXCLUDED = new Set([
  'feet', // paw prints, not an animal
  'pig_nose',
  'hankey',
  'clown_face',
  'bath',
  'sleeping_accommodation',
  'black_joker',
  'mahjong',
  'flower_playing_cards',
  'spades',
  'clubs',
  'hearts',
  'diamonds',
  'door',
  'elevator',
  'window',
  'toilet',
  'shower',
  'bathtub',
]);

/** The class mapping as a table, for the docs and the data-prep report. */
export function classMapping(): Array<{ subcategory: string; cls: SpriteClass }> {
  return Object.entries(SUBCATEGORY_CLASS).map(([subcategory, cls]) => ({ subcategory, cls }));
}

export function excludedNames(): string[] {
  return [...EXCLUDED].sort();
}

/** The sprite class of an emoji, or null when it is not used. */
export function classOfEmoji(category: string, subcategory: string, shortName: string): SpriteClass | null {
  if (EXCLUDED.has(shortName)) return null;
  return SUBCATEGORY_CLASS[`${category} / ${subcategory}`] ?? null;
}

/**
 * Code points that only say who (man, woman, person, boy/girl gender signs), how (skin tone) or
 * how to join: removing them maps "man farmer", "woman farmer", "farmer" and every skin tone to
 * one key, so near-copies never straddle the train/held-out split.
 */
const VARIANT_POINTS = new Set(['1F468', '1F469', '1F9D1', '2640', '2642', '200D', 'FE0F', '1F3FB', '1F3FC', '1F3FD', '1F3FE', '1F3FF']);

/**
 * The split group of an emoji: class + its code points without gender/skin/joiner marks.
 * @param unified dash-separated hex code points, e.g. "1F468-200D-1F33E"
 */
export function groupOfEmoji(cls: SpriteClass, unified: string): string {
  const rest = unified
    .toUpperCase()
    .split('-')
    .filter((p) => !VARIANT_POINTS.has(p));
  return `${cls}:${rest.length ? rest.join('-') : 'person'}`;
}
