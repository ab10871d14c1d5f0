import { chooseColours, nearestColour, type Rgb } from './palette';
import { flipX, sideOf, type Premul, type Rgba8 } from './spriteImage';

/**
 * Pixel-art post-processing shared by the GAN sampler, the procedural sampler and evaluation
 * (so every figure is measured on what the game shows). Steps, in order:
 * mirror → alpha threshold → despeckle → (frame 2: squash) → quantise → outline.
 */
export interface PostOptions {
  /** World palette (entry 0 is the outline colour), at most 16 entries. */
  palette: readonly Rgb[];
  /** Colours one sprite may use, outline included (2–16). */
  paletteSize: number;
  outline: boolean;
  /** Average the image with its mirror image before thresholding (left–right symmetry). */
  mirror: boolean;
  /** Premultiplied alpha at or above which a pixel is opaque. Default 0.5. */
  alphaThreshold?: number;
  /** Connected opaque specks smaller than this many pixels are removed. Default 3. */
  minSpeck?: number;
}

/** A hard-edged sprite in progress: opaque mask + straight colour per pixel. */
interface Cutout {
  side: number;
  mask: Uint8Array;
  rgb: Float32Array;
}

/** Alpha threshold: pixels become fully opaque (colour un-premultiplied) or fully transparent. */
function cutOut(p: Premul, threshold: number): Cutout {
  const side = sideOf(p, 'cutOut');
  const n = side * side;
  const mask = new Uint8Array(n);
  const rgb = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const a = p[i * 4 + 3];
    if (!(a >= threshold)) continue;
    mask[i] = 1;
    for (let c = 0; c < 3; c++) rgb[i * 3 + c] = Math.max(0, Math.min(255, (p[i * 4 + c] / a) * 255));
  }
  return { side, mask, rgb };
}

/** Removes 8-connected opaque components smaller than `minSize` and fills 1-px holes. */
function despeckle(c: Cutout, minSize: number): void {
  const { side, mask, rgb } = c;
  const seen = new Uint8Array(mask.length);
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    const comp = [start];
    seen[start] = 1;
    for (let h = 0; h < comp.length; h++) {
      const x = comp[h] % side;
      const y = (comp[h] - x) / side;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= side || ny >= side) continue;
          const j = ny * side + nx;
          if (mask[j] && !seen[j]) {
            seen[j] = 1;
            comp.push(j);
          }
        }
      }
    }
    if (comp.length < minSize) for (const i of comp) mask[i] = 0;
  }
  // A transparent pixel walled in on all four sides is a hole, not a shape: fill it.
  for (let y = 1; y < side - 1; y++) {
    for (let x = 1; x < side - 1; x++) {
      const i = y * side + x;
      const nb = [i - 1, i + 1, i - side, i + side];
      if (mask[i] || !nb.every((j) => mask[j])) continue;
      mask[i] = 1;
      for (let k = 0; k < 3; k++) rgb[i * 3 + k] = nb.reduce((s, j) => s + rgb[j * 3 + k], 0) / 4;
    }
  }
}

/**
 * Idle frame 2: the part above the middle of the opaque area moves 1 px down (a squash, as if
 * breathing). Feet stay put, so the animation reads at play size without jitter.
 */
function squash(c: Cutout): Cutout {
  const { side, mask, rgb } = c;
  let top = side;
  let bottom = -1;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const y = Math.floor(i / side);
    top = Math.min(top, y);
    bottom = Math.max(bottom, y);
  }
  const out: Cutout = { side, mask: new Uint8Array(mask.length), rgb: new Float32Array(rgb.length) };
  if (bottom < 0) return out;
  const mid = Math.floor((top + bottom) / 2);
  for (let y = 0; y < side; y++) {
    // Rows top..mid shift down by one; row mid+1's old content is overwritten by old row mid.
    const from = y <= mid + 1 && y > top ? y - 1 : y <= top ? -1 : y;
    if (from < 0) continue;
    for (let x = 0; x < side; x++) {
      const s = from * side + x;
      const o = y * side + x;
      out.mask[o] = mask[s];
      for (let k = 0; k < 3; k++) out.rgb[o * 3 + k] = rgb[s * 3 + k];
    }
  }
  return out;
}

/** Quantises colours to `allowed` palette entries, adds the outline and writes straight RGBA bytes. */
function render(c: Cutout, palette: readonly Rgb[], allowed: readonly number[], outline: boolean): Rgba8 {
  const { side, mask, rgb } = c;
  const out = new Uint8ClampedArray(side * side * 4);
  const put = (i: number, col: Rgb): void => {
    out[i * 4] = col[0];
    out[i * 4 + 1] = col[1];
    out[i * 4 + 2] = col[2];
    out[i * 4 + 3] = 255;
  };
  for (let i = 0; i < mask.length; i++) {
    if (mask[i]) put(i, palette[nearestColour(rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2], palette, allowed)]);
  }
  if (!outline) return out;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const i = y * side + x;
      if (mask[i]) continue;
      const touches =
        (x > 0 && mask[i - 1]) || (x < side - 1 && mask[i + 1]) || (y > 0 && mask[i - side]) || (y < side - 1 && mask[i + side]);
      if (touches) put(i, palette[0]);
    }
  }
  return out;
}

/** Averages a premultiplied image with its mirror image. */
function mirrorAverage(p: Premul): Premul {
  const f = flipX(p);
  const out = new Float32Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = (p[i] + f[i]) / 2;
  return out;
}

/**
 * Turns a soft premultiplied image into the two finished idle frames of a pixel-art sprite.
 * @param image premultiplied RGBA floats in [0, 1], size×size×4
 * @returns two straight-alpha RGBA byte frames, size×size×4, with ≤ paletteSize colours each
 */
export function finishSprite(image: Premul, o: PostOptions): [Rgba8, Rgba8] {
  if (o.palette.length < 2 || o.palette.length > 16) throw new Error(`finishSprite: palette has ${o.palette.length} colours (2–16)`);
  if (!(o.paletteSize >= 2 && o.paletteSize <= o.palette.length)) {
    throw new Error(`finishSprite: paletteSize ${o.paletteSize} outside 2..${o.palette.length}`);
  }
  const cut = cutOut(o.mirror ? mirrorAverage(image) : image, o.alphaThreshold ?? 0.5);
  despeckle(cut, o.minSpeck ?? 3);
  const used: number[] = [];
  for (let i = 0; i < cut.mask.length; i++) if (cut.mask[i]) used.push(cut.rgb[i * 3], cut.rgb[i * 3 + 1], cut.rgb[i * 3 + 2]);
  // Both frames share one colour choice so the animation does not flicker.
  const allowed = used.length ? chooseColours(used, o.palette, o.paletteSize, o.outline ? [0] : []) : [0];
  return [render(cut, o.palette, allowed, o.outline), render(squash(cut), o.palette, allowed, o.outline)];
}

/** Number of distinct opaque colours in an RGBA byte frame. */
export function countColours(frame: Rgba8): number {
  const seen = new Set<number>();
  for (let i = 0; i < frame.length; i += 4) if (frame[i + 3] > 0) seen.add((frame[i] << 16) | (frame[i + 1] << 8) | frame[i + 2]);
  return seen.size;
}
