import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * Pages: the game (index.html), the frame-rate baseline (bench.html: a plain Phaser tilemap
 * scene) and the Tiled map viewer (tiled.html: loads a `.tmj` with load.tilemapTiledJSON).
 * Relative base so the build also works from a sub-path or a file server.
 */
export default defineConfig({
  base: './',
  // The world worker (src/game/boot/worldWorker.ts) loads its models with dynamic imports.
  worker: { format: 'es' },
  build: {
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        bench: resolve(import.meta.dirname, 'bench.html'),
        tiled: resolve(import.meta.dirname, 'tiled.html'),
      },
    },
  },
});
