import { KneserNey, type LevelSpec } from './kneserNey';
import { splitPieces } from './pieces';
import { SpellingModel } from './spelling';

/**
 * The word-level Markov chain: next piece given role, situation and the previous pieces,
 * interpolated modified Kneser–Ney over a backoff chain of contexts (default, chosen on validation
 * bits/char, role accuracy and novelty of samples: role+situation+2 pieces → role+2 → 2 → 1 → none;
 * backing off to the role before the situation keeps sampled lines in the speaker's voice). Pieces seen fewer than `minCount` times are `<unk>`,
 * spelled by a character model, so every line has a probability (scored per character).
 * Ids: 0 `<eos>`, 1 `<unk>`, 2 start padding, 3+ pieces.
 */

export const M_EOS = 0;
export const M_UNK = 1;
export const M_BOS = 2;

export interface MarkovConfig {
  levels: LevelSpec[];
  /** Pieces seen fewer times than this are modelled as `<unk>` + spelling. */
  minCount: number;
  spellingOrder: number;
}

export const DEFAULT_MARKOV_CONFIG: MarkovConfig = {
  levels: [
    { cond: 'rs', hist: 2 },
    { cond: 'r', hist: 2 },
    { cond: 'none', hist: 2 },
    { cond: 'none', hist: 1 },
    { cond: 'none', hist: 0 },
  ],
  minCount: 2,
  spellingOrder: 5,
};

export interface MarkovRow {
  role: string;
  situation: string;
  text: string;
}

/** What markov.json holds: the training rows; the counts are rebuilt on load (a few ms). */
export interface MarkovData {
  format: 'worldsmith-markov';
  config: MarkovConfig;
  rows: [role: string, situation: string, text: string][];
}

export class MarkovChain {
  readonly pieces: string[] = ['', '<unk>', '<s>'];
  /** 1 for ids a sampled line may use (not `<unk>`, not the start padding). */
  readonly sampleable: Uint8Array;
  private readonly ids = new Map<string, number>();
  private readonly kn: KneserNey;
  private readonly spelling: SpellingModel;
  private readonly hist: number;

  constructor(readonly rows: readonly MarkovRow[], readonly config: MarkovConfig = DEFAULT_MARKOV_CONFIG) {
    const counts = new Map<string, number>();
    const split = rows.map((r) => splitPieces(r.text));
    for (const ps of split) for (const p of ps) counts.set(p, (counts.get(p) ?? 0) + 1);
    const rare: string[] = [];
    for (const [p, c] of [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (c >= config.minCount) {
        this.ids.set(p, this.pieces.length);
        this.pieces.push(p);
      } else for (let i = 0; i < c; i++) rare.push(p);
    }
    this.hist = Math.max(...config.levels.map((l) => l.hist));
    this.kn = new KneserNey(config.levels, this.pieces.length, [M_BOS]);
    split.forEach((ps, i) => {
      const seq = [...new Array<number>(this.hist).fill(M_BOS), ...ps.map((p) => this.id(p)), M_EOS];
      for (let t = this.hist; t < seq.length; t++) this.kn.add(rows[i].role, rows[i].situation, seq.slice(t - this.hist, t), seq[t]);
    });
    this.kn.finalize();
    // Rare pieces train the speller; with none (tiny corpora) every piece does.
    this.spelling = new SpellingModel(rare.length > 0 ? rare : [...counts.keys()], config.spellingOrder);
    this.sampleable = Uint8Array.from(this.pieces, (_p, i) => (i === M_UNK || i === M_BOS ? 0 : 1));
  }

  static fromJSON(value: unknown): MarkovChain {
    const d = value as Partial<MarkovData>;
    if (typeof d !== 'object' || d === null || d.format !== 'worldsmith-markov') throw new Error('markov: expected format "worldsmith-markov"');
    if (!Array.isArray(d.rows) || !d.config || !Array.isArray(d.config.levels)) throw new Error('markov: missing rows or config');
    const rows = d.rows.map((r, i) => {
      if (!Array.isArray(r) || r.length !== 3 || r.some((x) => typeof x !== 'string')) throw new Error(`markov: rows[${i}] is not [role, situation, text]`);
      return { role: r[0], situation: r[1], text: r[2] };
    });
    return new MarkovChain(rows, d.config);
  }

  toJSON(): MarkovData {
    return { format: 'worldsmith-markov', config: this.config, rows: this.rows.map((r) => [r.role, r.situation, r.text]) };
  }

  /** Piece id, or `<unk>`. */
  id(piece: string): number {
    return this.ids.get(piece) ?? M_UNK;
  }

  /** Start history: `hist` start symbols. */
  startHistory(): number[] {
    return new Array<number>(this.hist).fill(M_BOS);
  }

  /** log2 P(piece | context), spelling unknown pieces; `piece === ''` is the end of the line. */
  log2PieceProb(role: string, situation: string, history: readonly number[], piece: string): number {
    if (piece === '') return Math.log2(this.kn.prob(role, situation, history, M_EOS));
    const id = this.id(piece);
    const bits = Math.log2(this.kn.prob(role, situation, history, id));
    return id === M_UNK ? bits + this.spelling.log2Prob(piece) : bits;
  }

  /** log2 probability of each piece of a line, then of its end. */
  pieceLog2(role: string, situation: string, text: string): number[] {
    const history = this.startHistory();
    return [...splitPieces(text), ''].map((p) => {
      const log2 = this.log2PieceProb(role, situation, history, p);
      history.push(p === '' ? M_EOS : this.id(p));
      history.shift();
      return log2;
    });
  }

  /** Total log2 probability of a line (pieces then the end) and its length in characters + 1. */
  scoreLine(role: string, situation: string, text: string): { log2: number; chars: number } {
    return { log2: this.pieceLog2(role, situation, text).reduce((a, b) => a + b, 0), chars: text.length + 1 };
  }

  /**
   * How much evidence the chain has here: 0 when the most specific context (role, situation and
   * the previous pieces) was seen in training, larger as it must back off further. The mixture
   * trusts the chain more where this is small.
   */
  evidence(role: string, situation: string, history: readonly number[]): number {
    return this.kn.seenLevel(role, situation, history);
  }

  /** Number of evidence levels (`evidence` returns 0 … this). */
  get evidenceLevels(): number {
    return this.config.levels.length + 1;
  }

  /**
   * The `size` most likely sampleable pieces next and their probabilities, largest first (ties by
   * lower id), as a scan of `distribution` finds them.
   */
  top(role: string, situation: string, history: readonly number[], size: number): { ids: number[]; probs: number[] } {
    return this.kn.top(role, situation, history, size, this.sampleable);
  }

  /** Next-piece distribution over ids (start padding has 0). */
  distribution(role: string, situation: string, history: readonly number[], out?: Float64Array): Float64Array {
    return this.kn.distribution(role, situation, history, out);
  }
}
