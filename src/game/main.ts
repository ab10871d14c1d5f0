import Phaser from 'phaser';
import { createApi } from './api';
import { App } from './app';
import { seedFromUrl } from './boot/seed';
import { gameConfig } from './config';
import { installImport } from './export/importer';
import type { BootData } from './scenes/BootScene';

/** Page entry: the game, the window API, keys and buttons outside the canvas. */
const app = new App();
const { seed, error } = seedFromUrl(location.href);
const game = new Phaser.Game(gameConfig('game'));
game.registry.set('app', app);
game.registry.set('boot', { seed, seedError: error } satisfies BootData);
window.worldsmith = createApi(app);

const importer = installImport(app);
app.toggleCredits = () => {
  const scenes = game.scene;
  if (scenes.isActive('Credits')) {
    scenes.stop('Credits');
    scenes.resume('Game');
  } else if (scenes.isActive('Game')) {
    scenes.pause('Game');
    scenes.run('Credits');
  }
};

/** Page-level actions, shared by keys and buttons; they wait for the first world. */
const actions: Record<string, () => void> = {
  regenerate: () => app.regenerateFromUi(),
  export: () => app.controller && app.exportFiles(),
  import: () => importer.openPicker(),
  credits: () => app.controller && app.toggleCredits(),
};
const KEYS: Record<string, string> = { r: 'regenerate', x: 'export', i: 'import', c: 'credits' };

window.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
  const action = KEYS[e.key.toLowerCase()];
  if (action && app.controller) actions[action]();
});
document.querySelectorAll<HTMLButtonElement>('[data-action]').forEach((button) => {
  button.addEventListener('click', () => {
    actions[button.dataset.action ?? '']?.();
    button.blur();
  });
});
