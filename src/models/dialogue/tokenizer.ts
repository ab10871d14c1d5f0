import { applyMerges, pieceSymbols, startsPiece, tokenText, trainBpe } from './bpe';
import { splitPieces } from './pieces';

/**
 * The transformer's subword tokenizer. Ids: 0 `<pad>`, 1 `<eos>`, 2 `<unk>`, then one prefix token
 * per role and per situation the model was trained on, then base symbols, then merges.
 * A line is fed as `[role, situation, t1 … tn]` and must be followed by `<eos>`.
 */

export const PAD = 0;
export const EOS = 1;
export const UNK = 2;

/** What the tokenizer is saved as (vocab.json). */
export interface TokenizerData {
  format: 'worldsmith-bpe';
  roles: string[];
  situations: string[];
  symbols: string[];
  merges: [string, string][];
}

export class DialogueTokenizer {
  readonly vocab: string[];
  /** 1 where a token starts a piece (or is `<eos>`): used to interpolate with the chain. */
  readonly startsPiece: Uint8Array;
  /** 1 for tokens a line may contain (text tokens); 0 for pad, unk and prefix tokens. */
  readonly sampleable: Uint8Array;
  private readonly index = new Map<string, number>();
  private readonly rank = new Map<string, number>();
  private readonly cache = new Map<string, number[]>();

  constructor(readonly data: TokenizerData) {
    const specials = ['<pad>', '<eos>', '<unk>'];
    const prefixes = [...data.roles.map((r) => `<r:${r}>`), ...data.situations.map((s) => `<s:${s}>`)];
    this.vocab = [...specials, ...prefixes, ...data.symbols, ...data.merges.map(([a, b]) => a + b)];
    this.vocab.forEach((t, i) => {
      if (this.index.has(t)) throw new Error(`tokenizer: duplicate token "${t}" at ${i}`);
      this.index.set(t, i);
    });
    data.merges.forEach(([a, b], i) => this.rank.set(`${a}\u0000${b}`, i));
    const textStart = specials.length + prefixes.length;
    this.startsPiece = Uint8Array.from(this.vocab, (t, i) => (i === EOS || (i >= textStart && startsPiece(t)) ? 1 : 0));
    this.sampleable = Uint8Array.from(this.vocab, (_t, i) => (i === EOS || i >= textStart ? 1 : 0));
  }

  /** Learns merges from lines (text only; slot tokens stay atomic). */
  static train(lines: readonly string[], roles: readonly string[], situations: readonly string[], numMerges: number): DialogueTokenizer {
    const counts = new Map<string, number>();
    for (const line of lines) for (const p of splitPieces(line)) counts.set(p, (counts.get(p) ?? 0) + 1);
    const symbols = new Set<string>();
    for (const p of counts.keys()) for (const s of pieceSymbols(p)) symbols.add(s);
    const merges = trainBpe(counts, numMerges);
    return new DialogueTokenizer({ format: 'worldsmith-bpe', roles: [...roles], situations: [...situations], symbols: [...symbols].sort(), merges });
  }

  /** Rebuilds a tokenizer from vocab.json content; throws naming the bad field. */
  static fromJSON(value: unknown): DialogueTokenizer {
    const d = value as Partial<TokenizerData>;
    if (typeof d !== 'object' || d === null || d.format !== 'worldsmith-bpe') throw new Error('vocab: expected format "worldsmith-bpe"');
    for (const key of ['roles', 'situations', 'symbols', 'merges'] as const) {
      if (!Array.isArray(d[key])) throw new Error(`vocab: "${key}" must be an array`);
    }
    return new DialogueTokenizer(d as TokenizerData);
  }

  get size(): number {
    return this.vocab.length;
  }

  /** Prefix token of a role; a role the model never saw maps to `*` if trained, else the first role. */
  roleToken(role: string): number {
    return this.index.get(`<r:${role}>`) ?? this.index.get('<r:*>') ?? 3;
  }

  situationToken(situation: string): number {
    return this.index.get(`<s:${situation}>`) ?? this.index.get('<s:*>') ?? 3 + this.data.roles.length;
  }

  /** Token ids of one piece (cached). Unknown characters become `<unk>`. */
  encodePiece(piece: string): number[] {
    let ids = this.cache.get(piece);
    if (!ids) {
      ids = applyMerges(pieceSymbols(piece), this.rank).map((s) => this.index.get(s) ?? UNK);
      this.cache.set(piece, ids);
    }
    return ids;
  }

  /** Token ids of a line's text (no prefix, no `<eos>`). */
  encode(text: string): number[] {
    return splitPieces(text).flatMap((p) => this.encodePiece(p));
  }

  /** Text of token ids (special and prefix tokens decode to nothing). */
  decode(ids: readonly number[]): string {
    return ids.map((id) => (this.sampleable[id] && id !== EOS ? tokenText(this.vocab[id]) : '')).join('');
  }

  toJSON(): TokenizerData {
    return this.data;
  }
}
