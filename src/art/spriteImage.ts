/**
 * Sprite pixels in two forms:
 * - `Rgba8`: size×size×4 bytes, straight (non-premultiplied) alpha, row-major — what the game shows;
 * - `Premul`: size×size×4 floats in [0, 1], premultiplied alpha — what the GAN produces and
 *   trains on (premultiplying makes "transparent" one point, so the model need not invent a
 *   colour for invisible pixels).
 */
export type Rgba8 = Uint8ClampedArray;
export type Premul = Float32Array;

/** Side of a square RGBA buffer; throws naming `where` when the length is not size²·4. */
export function sideOf(pixels: ArrayLike<number>, where = 'sprite'): number {
  const side = Math.round(Math.sqrt(pixels.length / 4));
  if (side < 1 || side * side * 4 !== pixels.length) {
    throw new Error(`${where}: ${pixels.length} values is not a square RGBA image`);
  }
  return side;
}

/** Straight bytes → premultiplied floats. */
export function toPremul(rgba: ArrayLike<number>): Premul {
  const out = new Float32Array(rgba.length);
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3] / 255;
    out[i] = (rgba[i] / 255) * a;
    out[i + 1] = (rgba[i + 1] / 255) * a;
    out[i + 2] = (rgba[i + 2] / 255) * a;
    out[i + 3] = a;
  }
  return out;
}

/** Premultiplied floats → straight bytes (colour of fully transparent pixels is 0). */
export function fromPremul(p: ArrayLike<number>): Rgba8 {
  const out = new Uint8ClampedArray(p.length);
  for (let i = 0; i < p.length; i += 4) {
    const a = Math.min(1, Math.max(0, p[i + 3]));
    if (a <= 1e-6) continue;
    out[i] = Math.round((p[i] / a) * 255);
    out[i + 1] = Math.round((p[i + 1] / a) * 255);
    out[i + 2] = Math.round((p[i + 2] / a) * 255);
    out[i + 3] = Math.round(a * 255);
  }
  return out;
}

/**
 * Area-average resampling of a premultiplied image (box filter with fractional coverage), so a
 * 64-px emoji shrinks to a few pixels without aliasing.
 * @param src premultiplied RGBA, sw×sh×4
 * @returns premultiplied RGBA, dw×dh×4
 */
export function resampleArea(src: ArrayLike<number>, sw: number, sh: number, dw: number, dh: number): Premul {
  if (src.length !== sw * sh * 4) throw new Error(`resampleArea: ${src.length} values for ${sw}×${sh}`);
  const out = new Float32Array(dw * dh * 4);
  const fx = sw / dw;
  const fy = sh / dh;
  for (let dy = 0; dy < dh; dy++) {
    const y0 = dy * fy;
    const y1 = y0 + fy;
    for (let dx = 0; dx < dw; dx++) {
      const x0 = dx * fx;
      const x1 = x0 + fx;
      const acc = [0, 0, 0, 0];
      for (let sy = Math.floor(y0); sy < Math.ceil(y1); sy++) {
        const wy = Math.min(y1, sy + 1) - Math.max(y0, sy);
        for (let sx = Math.floor(x0); sx < Math.ceil(x1); sx++) {
          const w = wy * (Math.min(x1, sx + 1) - Math.max(x0, sx));
          const s = (sy * sw + sx) * 4;
          for (let c = 0; c < 4; c++) acc[c] += w * src[s + c];
        }
      }
      const o = (dy * dw + dx) * 4;
      for (let c = 0; c < 4; c++) out[o + c] = acc[c] / (fx * fy);
    }
  }
  return out;
}

/**
 * Places a w×h image in the middle of a size×size transparent canvas (the margin leaves room
 * for the 1-px outline).
 */
export function padCentre(src: ArrayLike<number>, w: number, h: number, size: number): Premul {
  const out = new Float32Array(size * size * 4);
  const ox = Math.floor((size - w) / 2);
  const oy = Math.floor((size - h) / 2);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = (y * w + x) * 4;
      const o = ((y + oy) * size + (x + ox)) * 4;
      for (let c = 0; c < 4; c++) out[o + c] = src[s + c];
    }
  }
  return out;
}

/** Mirror image about the vertical axis (works for any square RGBA buffer). */
export function flipX<T extends Float32Array | Uint8ClampedArray>(src: T): T {
  const side = sideOf(src);
  const out = new (src.constructor as { new (n: number): T })(src.length);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const s = (y * side + x) * 4;
      const o = (y * side + (side - 1 - x)) * 4;
      for (let c = 0; c < 4; c++) out[o + c] = src[s + c];
    }
  }
  return out;
}

/** Mean absolute difference per value between two equal-length buffers. */
export function meanAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`meanAbsDiff: ${a.length} vs ${b.length} values`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
  return s / a.length;
}
