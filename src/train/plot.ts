import { writeFileAtomic } from './modelFiles';

/**
 * Loss curves as a small standalone SVG line chart (title, axes with 1-2-5 ticks, grid, legend).
 * Hand-written: the whole chart is a few dozen elements, smaller than any charting dependency.
 */

export interface PlotSeries {
  name: string;
  /** [step, value] pairs; non-finite values (NaN, ±Infinity, and ≤ 0 on a log axis) are skipped. */
  points: [number, number][];
}

export interface PlotOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Pixels (default 720 × 400). */
  width?: number;
  height?: number;
  /** Logarithmic y axis (losses spanning decades). */
  logY?: boolean;
  /** Exponential moving average factor in [0, 1): draws the raw curve faintly and the smoothed one on top. */
  smooth?: number;
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
const MAX_POINTS = 1500;

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Round numbers covering [lo, hi]: about `count` ticks at 1, 2 or 5 × 10^k spacing. */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/**
 * log10 positions of 1, 2, 5 × 10^k (only 10^k when the axis spans more than 2.5 decades); an
 * axis too short for three of those (a loss between 1.2 and 2.9) gets finer round mantissas.
 */
function logTicks(lo: number, hi: number): number[] {
  const sets = hi - lo > 2.5 ? [[1]] : [[1, 2, 5], [1, 1.5, 2, 3, 5, 7], [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8]];
  let out: number[] = [];
  for (const mantissas of sets) {
    out = [];
    for (let k = Math.floor(lo); k <= Math.ceil(hi); k++) {
      for (const mt of mantissas) {
        const t = k + Math.log10(mt);
        if (t >= lo && t <= hi) out.push(t);
      }
    }
    if (out.length >= 3) break;
  }
  return out;
}

function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(0);
  if (a >= 1000) return `${Number((v / 1000).toPrecision(3))}k`;
  return String(Number(v.toPrecision(4)));
}

function ema(values: number[], alpha: number): number[] {
  const out: number[] = [];
  let acc = values[0];
  for (const v of values) {
    acc = alpha * acc + (1 - alpha) * v;
    out.push(acc);
  }
  return out;
}

/** Every k-th point (plus the last), so a long run stays a small file. */
function thin(points: [number, number][]): [number, number][] {
  if (points.length <= MAX_POINTS) return points;
  const k = Math.ceil(points.length / MAX_POINTS);
  const out = points.filter((_, i) => i % k === 0);
  if (out[out.length - 1] !== points[points.length - 1]) out.push(points[points.length - 1]);
  return out;
}

/**
 * Renders the chart to an SVG string. Throws if no series has a plottable point.
 * Axes are in data units; the y axis is log10 when `logY`.
 */
export function lossPlotSvg(series: PlotSeries[], opts: PlotOptions = {}): string {
  const W = opts.width ?? 720;
  const H = opts.height ?? 400;
  const logY = opts.logY ?? false;
  const fy = (v: number) => (logY ? Math.log10(v) : v);
  const clean = series.map((s) => ({
    name: s.name,
    points: s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!logY || y > 0)).sort((a, b) => a[0] - b[0]),
  }));
  const all = clean.flatMap((s) => s.points);
  if (all.length === 0) throw new Error(`lossPlotSvg: no finite points to plot in ${series.length} series`);

  let [x0, x1] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  let [y0, y1] = [Math.min(...all.map((p) => fy(p[1]))), Math.max(...all.map((p) => fy(p[1])))];
  if (x1 === x0) [x0, x1] = [x0 - 1, x1 + 1];
  if (y1 === y0) [y0, y1] = [y0 - (Math.abs(y0) || 1) * 0.1, y1 + (Math.abs(y1) || 1) * 0.1];
  const yPad = (y1 - y0) * 0.05;
  [y0, y1] = [y0 - yPad, y1 + yPad];

  const m = { left: 64, right: 24, top: opts.title ? 40 : 16, bottom: opts.xLabel ? 52 : 36 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const sx = (x: number) => m.left + ((x - x0) / (x1 - x0)) * pw;
  const sy = (y: number) => m.top + (1 - (fy(y) - y0) / (y1 - y0)) * ph;
  const n = (v: number) => v.toFixed(1);

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  if (opts.title) parts.push(`<text x="${W / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${esc(opts.title)}</text>`);

  // Grid and ticks.
  const xTicks = niceTicks(x0, x1, Math.max(2, Math.round(pw / 90)));
  const yTicks = logY ? logTicks(y0, y1) : niceTicks(y0, y1, Math.max(2, Math.round(ph / 60)));
  for (const t of xTicks) {
    const x = n(sx(t));
    parts.push(`<line x1="${x}" y1="${m.top}" x2="${x}" y2="${m.top + ph}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${x}" y="${m.top + ph + 16}" text-anchor="middle" fill="#333">${tickLabel(t)}</text>`);
  }
  for (const t of yTicks) {
    const y = n(m.top + (1 - (t - y0) / (y1 - y0)) * ph);
    parts.push(`<line x1="${m.left}" y1="${y}" x2="${m.left + pw}" y2="${y}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${m.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" fill="#333">${tickLabel(logY ? 10 ** t : t)}</text>`);
  }
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#555"/>`);
  if (opts.xLabel) parts.push(`<text x="${m.left + pw / 2}" y="${H - 12}" text-anchor="middle">${esc(opts.xLabel)}</text>`);
  if (opts.yLabel) {
    parts.push(`<text transform="translate(16 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(opts.yLabel)}${logY ? ' (log)' : ''}</text>`);
  }

  // Lines, clipped to the plot area.
  parts.push(`<clipPath id="plot"><rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}"/></clipPath>`);
  parts.push(`<g clip-path="url(#plot)" fill="none" stroke-width="1.6" stroke-linejoin="round">`);
  const path = (pts: [number, number][]) => pts.map(([x, y], i) => `${i ? 'L' : 'M'}${n(sx(x))} ${n(sy(y))}`).join('');
  const smooth = opts.smooth ?? 0;
  clean.forEach((s, i) => {
    if (s.points.length === 0) return;
    const colour = COLOURS[i % COLOURS.length];
    const pts = thin(s.points);
    if (smooth > 0 && smooth < 1) {
      parts.push(`<path d="${path(pts)}" stroke="${colour}" stroke-opacity="0.25"/>`);
      const ys = ema(s.points.map((p) => p[1]), smooth);
      parts.push(`<path d="${path(thin(s.points.map((p, k) => [p[0], ys[k]])))}" stroke="${colour}"/>`);
    } else {
      parts.push(`<path d="${path(pts)}" stroke="${colour}"/>`);
      if (pts.length === 1) parts.push(`<circle cx="${n(sx(pts[0][0]))}" cy="${n(sy(pts[0][1]))}" r="3" fill="${colour}"/>`);
    }
  });
  parts.push('</g>');

  // Legend, top right inside the plot, on a white box.
  const rows = clean.map((s, i) => ({ name: s.name, colour: COLOURS[i % COLOURS.length] }));
  const lw = 34 + Math.max(...rows.map((r) => r.name.length)) * 7;
  const lx = m.left + pw - lw - 8;
  parts.push(`<rect x="${lx}" y="${m.top + 8}" width="${lw}" height="${rows.length * 18 + 8}" fill="#ffffff" fill-opacity="0.85" stroke="#ccc"/>`);
  rows.forEach((r, i) => {
    const y = m.top + 22 + i * 18;
    parts.push(`<line x1="${lx + 8}" y1="${y - 4}" x2="${lx + 26}" y2="${y - 4}" stroke="${r.colour}" stroke-width="2.5"/>`);
    parts.push(`<text x="${lx + 30}" y="${y}" fill="#222">${esc(r.name)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Renders `series` with `lossPlotSvg` and writes the SVG to `path` atomically. */
export async function writeLossPlotSvg(path: string, series: PlotSeries[], opts: PlotOptions = {}): Promise<void> {
  await writeFileAtomic(path, lossPlotSvg(series, opts));
}
