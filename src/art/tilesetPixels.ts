import { positionHash, TILE_PX } from './tilesetLayout';

/** An opaque colour, 0–255 per channel. */
export type Rgb = readonly [number, number, number];

/** Mixes two colours: t = 0 gives a, t = 1 gives b. */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Scales brightness (f < 1 darkens, f > 1 lightens). */
export function shade(c: Rgb, f: number): Rgb {
  return [c[0] * f, c[1] * f, c[2] * f];
}

/** Per-pixel noise in [0, 1) for a painter: stable for (salt, x, y). */
export function noise(salt: number, x: number, y: number): number {
  return positionHash(salt, x, y);
}

/**
 * One 16×16 cell of an RGBA image being painted. Coordinates are local to the cell; writes
 * outside it are ignored, so shapes may overhang. The buffer is straight-alpha RGBA, row-major.
 */
export class TileCanvas {
  ox = 0;
  oy = 0;

  constructor(
    readonly data: Uint8ClampedArray,
    /** Width of the whole image in pixels. */
    readonly width: number,
  ) {}

  /** Moves the cell to tile column `col`, row `row` of the image. */
  at(col: number, row: number): this {
    this.ox = col * TILE_PX;
    this.oy = row * TILE_PX;
    return this;
  }

  private offset(x: number, y: number): number {
    if (x < 0 || y < 0 || x >= TILE_PX || y >= TILE_PX) return -1;
    return ((this.oy + y) * this.width + this.ox + x) * 4;
  }

  set(x: number, y: number, c: Rgb, alpha = 255): void {
    const i = this.offset(Math.floor(x), Math.floor(y));
    if (i < 0) return;
    this.data[i] = c[0];
    this.data[i + 1] = c[1];
    this.data[i + 2] = c[2];
    this.data[i + 3] = alpha;
  }

  get(x: number, y: number): Rgb {
    const i = this.offset(x, y);
    if (i < 0) return [0, 0, 0];
    return [this.data[i], this.data[i + 1], this.data[i + 2]];
  }

  /** Blends colour c over the pixel with opacity t. */
  blend(x: number, y: number, c: Rgb, t: number): void {
    if (this.offset(x, y) < 0) return;
    this.set(x, y, mix(this.get(x, y), c, t));
  }

  /** Multiplies the pixel's brightness by f. */
  darken(x: number, y: number, f: number): void {
    if (this.offset(x, y) < 0) return;
    this.set(x, y, shade(this.get(x, y), f));
  }

  rect(x: number, y: number, w: number, h: number, c: Rgb): void {
    for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) this.set(xx, yy, c);
  }

  /** Fills the cell with `base`, sprinkling `dark` and `light` pixels at the given rates. */
  speckle(salt: number, base: Rgb, dark: Rgb, light: Rgb, darkRate: number, lightRate: number): void {
    for (let y = 0; y < TILE_PX; y++) {
      for (let x = 0; x < TILE_PX; x++) {
        const n = noise(salt, x, y);
        this.set(x, y, n < darkRate ? dark : n > 1 - lightRate ? light : base);
      }
    }
  }

  /** A filled ellipse centred at (cx, cy); `paint` chooses each pixel's colour (or null to skip). */
  ellipse(cx: number, cy: number, rx: number, ry: number, paint: (x: number, y: number, dx: number, dy: number) => Rgb | null): void {
    for (let y = Math.floor(cy - ry); y <= Math.ceil(cy + ry); y++) {
      for (let x = Math.floor(cx - rx); x <= Math.ceil(cx + rx); x++) {
        const dx = (x + 0.5 - cx) / rx;
        const dy = (y + 0.5 - cy) / ry;
        if (dx * dx + dy * dy > 1) continue;
        const c = paint(x, y, dx, dy);
        if (c) this.set(x, y, c);
      }
    }
  }

  /** Copies another cell of the same image onto this one (to stack an object over a floor). */
  copyFrom(col: number, row: number): void {
    for (let y = 0; y < TILE_PX; y++) {
      const src = ((row * TILE_PX + y) * this.width + col * TILE_PX) * 4;
      const dst = ((this.oy + y) * this.width + this.ox) * 4;
      this.data.copyWithin(dst, src, src + TILE_PX * 4);
    }
  }
}
