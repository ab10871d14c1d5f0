import { isSlotPiece, pieceBody } from './pieces';

/**
 * Byte-pair encoding over pieces (see pieces.ts). A piece starts with a marker symbol — SPACE_MARK
 * when it has a leading space, START_MARK when it has none — followed by its characters; a slot
 * piece is one atomic symbol (`▁{place}`). Merges never cross a piece, so a token that begins with
 * a marker always begins a piece: the transformer's piece boundaries are visible in its tokens.
 */

export const SPACE_MARK = '\u2581';
export const START_MARK = '\u2582';

/** Base symbols of one piece: marker + characters, or one symbol for a slot. */
export function pieceSymbols(piece: string): string[] {
  const mark = piece.startsWith(' ') ? SPACE_MARK : START_MARK;
  const body = pieceBody(piece);
  if (isSlotPiece(piece)) return [mark + body];
  return [mark, ...Array.from(body)];
}

/** True when a token string starts a piece. */
export function startsPiece(token: string): boolean {
  return token.startsWith(SPACE_MARK) || token.startsWith(START_MARK);
}

/** A token string back to text: SPACE_MARK → ' ', START_MARK → ''. */
export function tokenText(token: string): string {
  if (token.startsWith(SPACE_MARK)) return ` ${token.slice(1)}`;
  if (token.startsWith(START_MARK)) return token.slice(1);
  return token;
}

/**
 * Learns up to `numMerges` merges from piece counts (most frequent adjacent pair first; ties by
 * the pair's text, so the result is deterministic). Stops early when no pair occurs twice.
 */
export function trainBpe(pieceCounts: ReadonlyMap<string, number>, numMerges: number): [string, string][] {
  const words = [...pieceCounts.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([piece, count]) => ({ symbols: pieceSymbols(piece), count }));
  const merges: [string, string][] = [];
  for (let m = 0; m < numMerges; m++) {
    const pairs = new Map<string, number>();
    for (const w of words) {
      for (let i = 0; i + 1 < w.symbols.length; i++) {
        const key = `${w.symbols[i]}\u0000${w.symbols[i + 1]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + w.count);
      }
    }
    let best = '';
    let bestCount = 1;
    for (const [key, count] of pairs) {
      if (count > bestCount || (count === bestCount && count > 1 && key < best)) {
        best = key;
        bestCount = count;
      }
    }
    if (best === '') break;
    const [a, b] = best.split('\u0000') as [string, string];
    merges.push([a, b]);
    for (const w of words) w.symbols = mergePair(w.symbols, a, b);
  }
  return merges;
}

function mergePair(symbols: string[], a: string, b: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < symbols.length; i++) {
    if (i + 1 < symbols.length && symbols[i] === a && symbols[i + 1] === b) {
      out.push(a + b);
      i++;
    } else out.push(symbols[i]);
  }
  return out;
}

/**
 * Applies learned merges to base symbols, lowest-ranked pair first (the order they were learned),
 * which reproduces the training segmentation. `rank` maps `a\0b` to the merge's index.
 */
export function applyMerges(symbols: readonly string[], rank: ReadonlyMap<string, number>): string[] {
  let out = symbols.slice();
  for (;;) {
    let bestRank = Infinity;
    let bestAt = -1;
    for (let i = 0; i + 1 < out.length; i++) {
      const r = rank.get(`${out[i]}\u0000${out[i + 1]}`);
      if (r !== undefined && r < bestRank) {
        bestRank = r;
        bestAt = i;
      }
    }
    if (bestAt < 0) return out;
    out = mergePair(out, out[bestAt], out[bestAt + 1]);
  }
}
