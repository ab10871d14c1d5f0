/**
 * The credits screen (key C): what Worldsmith is built from. Add an entry when a library or
 * data set comes in (the README's data-set list says the same).
 */
export interface Credit {
  name: string;
  what: string;
  licence: string;
  url: string;
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
      { name: 'lil-gui', what: 'debug panel', licence: 'MIT', url: 'https://lil-gui.georgealways.com' },
      { name: 'Vite', what: 'build and dev server', licence: 'MIT', url: 'https://vite.dev' },
    ],
  },
  {
    title: 'Data sets',
    items: [
      { name: 'Worldsmith dialogue corpus', what: 'NPC lines written for this project (assets/text)', licence: 'MIT, this project', url: 'assets/text/' },
      { name: 'Worldsmith level corpus', what: 'rooms of the classic generators and hand-made rooms (levels/)', licence: 'MIT, this project', url: 'levels/' },
      // The sprite GAN's training images (see docs/sprites.md): its shipped weights are learned
      // from them, so they are credited whether or not the GAN is drawing this world's sprites.
      { name: 'Twemoji by Twitter/X (emoji-datasource-twitter)', what: 'sprite GAN training images', licence: 'CC-BY 4.0', url: 'https://github.com/jdecked/twemoji' },
      { name: 'Noto Emoji by Google (emoji-datasource-google)', what: 'sprite GAN training images', licence: 'Apache-2.0', url: 'https://github.com/googlefonts/noto-emoji' },
      { name: 'Fluent Emoji (flat) by Microsoft', what: 'training images of the sprite evaluation classifier', licence: 'MIT', url: 'https://github.com/microsoft/fluentui-emoji' },
      { name: 'EmojiOne 2.2 by Ranks.com / JoyPixels', what: 'training images of the sprite evaluation classifier', licence: 'CC-BY 4.0', url: 'https://github.com/joypixels/emojione-legacy' },
    ],
  },
  {
    title: 'Art',
    items: [
      { name: 'Tileset, hero, HUD icons', what: 'painted in code (src/art)', licence: 'MIT, this project', url: 'src/art/' },
    ],
  },
];
