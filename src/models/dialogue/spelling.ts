import { KneserNey } from './kneserNey';

/**
 * A character n-gram model (Kneser–Ney) that spells pieces the word chain has no id for, so the
 * chain gives every line a probability and can be scored per character like the transformer.
 * Ids: 0 end of piece, 1 start padding, 2 any character not seen in training, 3+ known characters.
 */
const END = 0;
const START = 1;
const OTHER = 2;
/** Characters a line may hold that training never showed share OTHER; this spreads its mass. */
const OTHER_CHARS = 256;

export class SpellingModel {
  private readonly chars = new Map<string, number>();
  private readonly kn: KneserNey;

  constructor(pieces: readonly string[], readonly order = 4) {
    for (const p of pieces) for (const ch of p) if (!this.chars.has(ch)) this.chars.set(ch, this.chars.size + 3);
    const levels = Array.from({ length: order }, (_, i) => ({ cond: 'none' as const, hist: order - 1 - i }));
    this.kn = new KneserNey(levels, this.chars.size + 3, [START]);
    for (const p of pieces) {
      const ids = this.ids(p);
      for (let i = order - 1; i < ids.length; i++) this.kn.add('', '', ids.slice(i - order + 1, i), ids[i]);
    }
    this.kn.finalize();
  }

  private ids(piece: string): number[] {
    const pad = new Array<number>(this.order - 1).fill(START);
    return [...pad, ...Array.from(piece, (ch) => this.chars.get(ch) ?? OTHER), END];
  }

  /** log2 P(spelling of piece), including its end. */
  log2Prob(piece: string): number {
    const ids = this.ids(piece);
    let bits = 0;
    for (let i = this.order - 1; i < ids.length; i++) {
      let p = this.kn.prob('', '', ids.slice(i - this.order + 1, i), ids[i]);
      if (ids[i] === OTHER) p /= OTHER_CHARS;
      bits += Math.log2(p);
    }
    return bits;
  }
}
