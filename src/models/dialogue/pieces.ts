import { SLOTS, type Slot } from '../../core/vocab';

/**
 * Pieces: the word-level units both dialogue models share. A line is cut into pieces, each an
 * optional single leading space plus one word, one slot token (`{place}`) or one punctuation
 * character, so the pieces concatenate back to the exact line:
 * `Go {direction}, hero.` → `Go`, ` {direction}`, `,`, ` hero`, `.`.
 * The Markov chain predicts pieces; the transformer's subwords never cross a piece boundary, which
 * lets the two be interpolated piece by piece.
 */

const PIECE_RE = / ?(?:\{[a-z]+\}|[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}])/gu;
const SLOT_TOKEN_RE = /\{([a-z]+)\}/g;
const SLOT_SET: ReadonlySet<string> = new Set(SLOTS);

/** Trims and collapses runs of whitespace to one space (the form every line is stored in). */
export function normalizeLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts a normalized line into pieces; `pieces.join('') === line`. */
export function splitPieces(line: string): string[] {
  return line.match(PIECE_RE) ?? [];
}

/** The piece without its leading space. */
export function pieceBody(piece: string): string {
  return piece.startsWith(' ') ? piece.slice(1) : piece;
}

/** True when the piece is a word (letters/digits, inner apostrophes or hyphens). */
export function isWordPiece(piece: string): boolean {
  return /^[\p{L}\p{N}]/u.test(pieceBody(piece));
}

/** True when the piece is exactly one slot token such as ` {place}`. */
export function isSlotPiece(piece: string): boolean {
  return /^\{[a-z]+\}$/.test(pieceBody(piece));
}

/** Every slot name a line uses, in order of appearance (known or not). */
export function slotsIn(text: string): string[] {
  return [...text.matchAll(SLOT_TOKEN_RE)].map((m) => m[1]);
}

export function isKnownSlot(name: string): name is Slot {
  return SLOT_SET.has(name);
}

/**
 * Why a line cannot be a corpus line, or null when it is fine: empty, too long, unknown slot,
 * stray brace, or a column separator inside the text.
 */
export function lineProblem(text: string, maxChars = 300): string | null {
  if (text.length === 0) return 'empty text';
  if (text.length > maxChars) return `text is ${text.length} characters (limit ${maxChars})`;
  if (text.includes('|')) return "text contains '|' (the column separator)";
  for (const name of slotsIn(text)) {
    if (!isKnownSlot(name)) return `unknown slot {${name}} (known: ${SLOTS.map((s) => `{${s}}`).join(' ')})`;
  }
  if (/[{}]/.test(text.replace(SLOT_TOKEN_RE, ''))) return 'stray { or } outside a slot token';
  return null;
}

/** Lower-case words of a line with punctuation dropped (slot tokens kept as words). */
export function wordsOf(text: string): string[] {
  return splitPieces(text)
    .filter((p) => isWordPiece(p) || isSlotPiece(p))
    .map((p) => pieceBody(p).toLowerCase());
}
