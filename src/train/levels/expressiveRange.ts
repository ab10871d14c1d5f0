/**
 * Expressive-range plot (Smith & Whitehead's idea): each generator's rooms as a 2-D histogram of
 * two room measures, drawn as heat maps side by side in one standalone SVG. Here: blocked
 * interior share (x) against path length between doors (y).
 */
export interface RangePanel {
  name: string;
  /** [x, y] per room. */
  points: ReadonlyArray<readonly [number, number]>;
}

export interface RangeAxes {
  xLabel: string;
  yLabel: string;
  xMax: number;
  yMax: number;
  bins: number;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The histogram of one panel: counts[row][col], row 0 at the top (high y). */
export function histogram2d(points: RangePanel['points'], axes: RangeAxes): number[][] {
  const counts = Array.from({ length: axes.bins }, () => new Array<number>(axes.bins).fill(0));
  for (const [x, y] of points) {
    const cx = Math.min(axes.bins - 1, Math.max(0, Math.floor((x / axes.xMax) * axes.bins)));
    const cy = Math.min(axes.bins - 1, Math.max(0, Math.floor((y / axes.yMax) * axes.bins)));
    counts[axes.bins - 1 - cy][cx]++;
  }
  return counts;
}

/** One SVG with a heat map per panel (cell shade = share of that panel's rooms, sqrt scale). */
export function expressiveRangeSvg(panels: readonly RangePanel[], axes: RangeAxes, title: string): string {
  const cell = 12;
  const size = cell * axes.bins;
  const pad = { left: 48, top: 48, gap: 36, bottom: 44 };
  const width = pad.left + panels.length * (size + pad.gap);
  const height = pad.top + size + pad.bottom;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="14">${esc(title)}</text>`,
  ];
  panels.forEach((panel, k) => {
    const ox = pad.left + k * (size + pad.gap);
    const counts = histogram2d(panel.points, axes);
    const total = Math.max(1, panel.points.length);
    const peak = Math.max(1e-9, ...counts.flat().map((c) => c / total));
    parts.push(`<text x="${ox + size / 2}" y="${pad.top - 8}" text-anchor="middle" font-size="12">${esc(panel.name)} (${panel.points.length})</text>`);
    parts.push(`<rect x="${ox}" y="${pad.top}" width="${size}" height="${size}" fill="#f4f4f4" stroke="#999"/>`);
    counts.forEach((row, r) =>
      row.forEach((c, col) => {
        if (c === 0) return;
        const shade = Math.sqrt(c / total / peak);
        const light = Math.round(92 - 70 * shade);
        parts.push(`<rect x="${ox + col * cell}" y="${pad.top + r * cell}" width="${cell}" height="${cell}" fill="hsl(215,70%,${light}%)"/>`);
      }),
    );
    parts.push(`<text x="${ox}" y="${pad.top + size + 14}">0</text>`);
    parts.push(`<text x="${ox + size}" y="${pad.top + size + 14}" text-anchor="end">${axes.xMax}</text>`);
    parts.push(`<text x="${ox + size / 2}" y="${pad.top + size + 30}" text-anchor="middle">${esc(axes.xLabel)}</text>`);
    if (k === 0) {
      parts.push(`<text x="${ox - 6}" y="${pad.top + 10}" text-anchor="end">${axes.yMax}</text>`);
      parts.push(`<text x="${ox - 6}" y="${pad.top + size}" text-anchor="end">0</text>`);
      parts.push(
        `<text transform="translate(${ox - 30},${pad.top + size / 2}) rotate(-90)" text-anchor="middle">${esc(axes.yLabel)}</text>`,
      );
    }
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
