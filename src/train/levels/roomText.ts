import { Grid } from '../../core/grid';

/**
 * The plain-text room format of `levels/`: one row of tile chars per line, rooms separated by
 * one or more blank lines. Lines starting with `;` are comments. Both `\n` and `\r\n` work.
 */

/** One map as read from a file: its rows and the line of the file where it starts (1-based). */
export interface TextMap {
  rows: string[];
  /** 1-based line number of the map's first row in its file. */
  line: number;
}

/** Splits file text into maps (blocks of non-blank lines). Trailing spaces are kept: they are tiles. */
export function splitMaps(text: string): TextMap[] {
  const maps: TextMap[] = [];
  let current: TextMap | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.startsWith(';')) return;
    if (raw.trim() === '') {
      current = null;
      return;
    }
    if (!current) {
      current = { rows: [], line: i + 1 };
      maps.push(current);
    }
    current.rows.push(raw);
  });
  return maps;
}

/** Rooms as file text: rows joined by `\n`, rooms separated by a blank line, final newline. */
export function formatRooms(rooms: readonly Grid[]): string {
  return rooms.map((g) => g.toRows().join('\n')).join('\n\n') + '\n';
}

/** A room's identity for deduplication and novelty: its 176 chars. */
export function roomKey(grid: Grid): string {
  return grid.cells.join('');
}
