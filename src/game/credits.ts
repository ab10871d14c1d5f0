/**
 * The credits screen (key C): what Worldsmith is built from. Add an entry when a library or
 * data set comes in; `when` shows an entry only while that model is loaded (its data is in use).
 */
export interface Credit {
  name: string;
  what: string;
  licence: string;
  url: string;
  when?: 'level-vae' | 'dialogue' | 'sprite-gan';
}

export interface CreditSection {
  title: string;
  items: Credit[];
}

export const CREDITS: CreditSection[] = [
  {
    title: 'Libraries',
    items: [
      { name: 'Phaser 4', what: 'game engine', licence: 'MIT', url: 'https://phaser.io' },
      { name: 'TensorFlow.js', what: 'the three models (wasm backend)', licence: 'Apache-2.0', url: 'https://www.tensorflow.org/js' },
      { name: 'simplex-noise', what: 'biome noise', licence: 'MIT', url: 'https://github.com/jwagner/simplex-noise.js' },
      { name: 'seedrandom', what: 'seeded random numbers', licence: 'MIT', url: 'https://github.com/davidbau/seedrandom' },
      { name: 'zod', what: 'world format schema', licence: 'MIT', url: 'https://zod.dev' },
      { name: 'fast-png', what: 'PNG export', licence: 'MIT', url: 'https://github.com/image-js/fast-png' },
      { name: 'Vite', what: 'build and dev server', licence: 'MIT', url: 'https://vite.dev' },
    ],
  },
  {
    title: 'Data sets',
    items: [
      { name: 'Worldsmith dialogue corpus', what: 'hand-written NPC lines (assets/text)', licence: 'MIT, this project', url: 'assets/text/' },
      // The sprite GAN's training images (see docs/sprites.md); shown while the GAN draws sprites.
      { name: 'Twemoji by Twitter/X (emoji-datasource-twitter)', what: 'sprite GAN training images', licence: 'CC-BY 4.0', url: 'https://github.com/jdecked/twemoji', when: 'sprite-gan' },
      { name: 'Noto Emoji by Google (emoji-datasource-google)', what: 'sprite GAN training images', licence: 'Apache-2.0', url: 'https://github.com/googlefonts/noto-emoji', when: 'sprite-gan' },
    ],
  },
  {
    title: 'Art',
    items: [
      { name: 'Tileset, hero, HUD icons', what: 'painted in code (src/art)', licence: 'MIT, this project', url: 'src/art/' },
    ],
  },
];

/** The sections to show, given which models are loaded. */
export function visibleCredits(loaded: ReadonlySet<string>): CreditSection[] {
  return CREDITS.map((s) => ({ ...s, items: s.items.filter((c) => !c.when || loaded.has(c.when)) })).filter((s) => s.items.length > 0);
}
