import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { tileFromCell, type SpriteTile } from './dataset';
import { emojiVariants, type EmojiEntry, type RawTiles } from './datasetFiles';

/**
 * Emoji from an Iconify JSON set (SVG), rasterised with resvg: extra real images of the same
 * emoji in another artist's style. Classes and split groups come from the emoji-datasource
 * catalogue (`emoji.json`), matched by code point through the set's `chars.json`, so a tile lands
 * in the same group as the twitter/google tiles of its emoji.
 */

/**
 * Iconify sets usable as extra styles, by the style name given to their tiles. A set whose
 * `chars.json` is empty is matched through its icon names, which are the CLDR names Fluent's
 * `chars.json` maps to code points; `cldrTones` sets spell skin tones "-dark-skin-tone" where
 * Fluent writes "-dark". (Name matching can be fooled: Streamline's "turkey" is the country's
 * flag; a set added here needs its tiles looked at, e.g. in data:sprites' preview.)
 */
export const ICONIFY_STYLES: Readonly<Record<string, { pkg: string; charsFrom?: string; cldrTones?: boolean }>> = {
  fluent: { pkg: '@iconify-json/fluent-emoji-flat' },
  emojione: { pkg: '@iconify-json/emojione', charsFrom: 'fluent', cldrTones: true },
};

interface IconifySet {
  width?: number;
  height?: number;
  icons: Record<string, { body: string; width?: number; height?: number }>;
  aliases?: Record<string, { parent: string }>;
}

/** Code points as Iconify keys them: lower case, no variation selector. */
function charKey(unified: string): string {
  return unified
    .toLowerCase()
    .split('-')
    .filter((p) => p !== 'fe0f')
    .join('-');
}

/** Renders one icon to a `px`×`px` straight-RGBA cell. */
function rasterise(set: IconifySet, name: string, px: number): Uint8ClampedArray {
  const icon = set.icons[name];
  const w = icon.width ?? set.width ?? 16;
  const h = icon.height ?? set.height ?? 16;
  const side = Math.max(w, h);
  // Centre non-square icons on a square canvas.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${(w - side) / 2} ${(h - side) / 2} ${side} ${side}">${icon.body}</svg>`;
  const img = new Resvg(svg, { fitTo: { mode: 'width', value: px } }).render();
  if (img.width !== px || img.height !== px) throw new Error(`${name}: rendered ${img.width}×${img.height}, expected ${px}×${px}`);
  return new Uint8ClampedArray(img.pixels);
}

/**
 * Every mapped emoji (skin tones included) the Iconify set draws, shrunk to tiles like the
 * emoji-datasource ones (rendered at 64 px, area-averaged to `inner`, centred on `size`).
 * @param style a key of ICONIFY_STYLES
 */
export function loadIconifyTiles(root: string, style: string, inner: number, size: number): RawTiles {
  const known = ICONIFY_STYLES[style];
  if (!known) throw new Error(`unknown extra sprite style '${style}' (known: ${Object.keys(ICONIFY_STYLES).join(', ')})`);
  const dirOf = (pkg: string) => join(root, 'node_modules', pkg);
  const dir = dirOf(known.pkg);
  const charsDir = known.charsFrom ? dirOf(ICONIFY_STYLES[known.charsFrom].pkg) : dir;
  const catalogue = join(root, 'node_modules', 'emoji-datasource-twitter', 'emoji.json');
  for (const f of [join(dir, 'icons.json'), join(charsDir, 'chars.json'), catalogue]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run npm ci (it comes with a devDependency)`);
  }
  const set = JSON.parse(readFileSync(join(dir, 'icons.json'), 'utf8')) as IconifySet;
  const chars = JSON.parse(readFileSync(join(charsDir, 'chars.json'), 'utf8')) as Record<string, string>;
  if (known.cldrTones) {
    // Rename the reference set's skin-tone icons to this set's names.
    const tone = /-((?:medium-)?(?:dark|light)|medium)$/;
    for (const [k, name] of Object.entries(chars)) chars[k] = name.replace(tone, '-$1-skin-tone');
  }
  const entries = JSON.parse(readFileSync(catalogue, 'utf8')) as EmojiEntry[];
  const resolveName = (n: string | undefined): string | undefined => (n && (set.icons[n] ? n : resolveName(set.aliases?.[n]?.parent)));
  const tiles: SpriteTile[] = [];
  const images: Float32Array[] = [];
  for (const v of emojiVariants(entries).flat()) {
    const icon = resolveName(chars[charKey(v.unified)]);
    if (!icon) continue;
    tiles.push({ cls: v.cls, group: v.group, style, name: v.name, split: 'train' });
    images.push(tileFromCell(rasterise(set, icon, 64), 64, inner, size));
  }
  const hash = createHash('sha256').update(readFileSync(join(dir, 'icons.json'))).update(readFileSync(join(charsDir, 'chars.json'))).digest('hex');
  return { tiles, images, hash };
}
