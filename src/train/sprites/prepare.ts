/**
 * npm run data:sprites [-- --styles twitter,google] [--extra-styles fluent,emojione]
 *                       [--sheet PNG --cell 16 --labels FILE]
 * Builds the sprite training tensors (16×16 premultiplied RGBA bytes) into .cache/sprites/ and a
 * preview PNG of each class. Extra styles (classifier-only tiles) are ignored with --sheet;
 * `--extra-styles ''` leaves them out.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fromPremul } from '../../art/spriteImage';
import { SPRITE_CLASSES } from '../../core/vocab';
import { AUGMENTATION, buildDataset, DEFAULT_BUILD } from './build';
import { datasetCounts, indicesByClass, tilePixels } from './dataset';
import { saveDataset } from './datasetFiles';
import { writeSpriteGrid } from './sheetPng';

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: '.cache/sprites' },
      styles: { type: 'string', default: DEFAULT_BUILD.styles.join(',') },
      'extra-styles': { type: 'string', default: DEFAULT_BUILD.extraStyles.join(',') },
      sheet: { type: 'string' },
      cell: { type: 'string', default: '16' },
      labels: { type: 'string' },
      held: { type: 'string', default: String(DEFAULT_BUILD.held) },
      seed: { type: 'string', default: DEFAULT_BUILD.seed },
    },
  });
  if (values.sheet && !values.labels) throw new Error('--sheet needs --labels FILE (one class per cell)');
  const t0 = performance.now();
  const ds = buildDataset({
    ...DEFAULT_BUILD,
    root: process.cwd(),
    styles: values.styles.split(',').filter(Boolean),
    extraStyles: values['extra-styles'].split(',').filter(Boolean),
    sheet: values.sheet ? { path: values.sheet, cell: Number(values.cell), labels: values.labels! } : undefined,
    held: Number(values.held),
    seed: values.seed,
  });
  const out = resolve(values.out);
  saveDataset(out, ds, { hash: ds.hash, source: ds.source, extraHash: ds.extraHash, extraSource: ds.extraSource, augmentation: AUGMENTATION });
  const byClass = indicesByClass(ds.tiles, 'train');
  const preview = SPRITE_CLASSES.flatMap((_, c) => byClass[c].slice(0, 64).map((i) => fromPremul(tilePixels(ds, i))));
  writeSpriteGrid(join(out, 'preview.png'), preview, ds.size, 16, 4);
  console.log(JSON.stringify({ out, tiles: ds.tiles.length, droppedNearCopies: ds.dropped, counts: datasetCounts(ds.tiles), source: ds.source, extraSource: ds.extraSource, seconds: Math.round(performance.now() - t0) / 1000 }, null, 1));
}

try {
  main();
} catch (e) {
  console.error(`data:sprites: ${(e as Error).message}`);
  process.exit(1);
}
