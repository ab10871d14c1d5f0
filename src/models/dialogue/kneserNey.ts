/**
 * Interpolated modified Kneser–Ney smoothing over a chain of contexts, from the most specific to
 * the least. A level's context is some conditioning (role and situation, situation only, role
 * only, or none) plus the last `hist` tokens; each level must be a coarsening of the one above it
 * (so its Kneser–Ney continuation counts are well defined). The last level backs off to a uniform
 * distribution over the vocabulary. Used for the word chain and for the spelling model.
 */

export type Conditioning = 'rs' | 'r' | 's' | 'none';

export interface LevelSpec {
  cond: Conditioning;
  /** How many previous tokens this level's context holds. */
  hist: number;
}

interface Context {
  total: number;
  /** D1·N1 + D2·N2 + D3·N3+: the mass handed down to the next level (before dividing by total). */
  backoff: number;
  words: Map<number, number>;
  /** The words and their discounted shares (c − D)/total as arrays, built when first sampled from. */
  terms?: { ids: Int32Array; shares: Float64Array };
  /** Indices into `terms`, largest share first (ties by lower id), built when first ranked. */
  order?: Int32Array;
  /** Its words ranked with its parent's shares folded in (see `pairRanking`), built when first ranked. */
  pair?: PairRanking;
}

/** A context's words by share + r × their share one level down (r: its backoff ÷ total), largest first. */
interface PairRanking {
  ids: Int32Array;
  shares: Float64Array;
  parentShares: Float64Array;
}

/** A context seen in training, with the product of the backoff weights of the levels above it. */
interface SeenLevel {
  l: number;
  ctx: Context;
  scale: number;
}

const COVERS: Record<Conditioning, readonly Conditioning[]> = {
  rs: ['rs', 'r', 's', 'none'],
  r: ['r', 'none'],
  s: ['s', 'none'],
  none: ['none'],
};

export class KneserNey {
  private readonly contexts: Map<string, Context>[];
  private readonly parent: Map<string, string>[];
  /** [D1, D2, D3+] per level. */
  private discounts: [number, number, number][] = [];
  private finalized = false;

  /**
   * @param levels most specific first; each a coarsening of the previous.
   * @param vocabSize number of token ids; `excluded` ids (e.g. a start symbol) get no probability.
   */
  constructor(
    readonly levels: readonly LevelSpec[],
    readonly vocabSize: number,
    readonly excluded: readonly number[] = [],
  ) {
    if (levels.length === 0) throw new Error('KneserNey: at least one level');
    for (let l = 1; l < levels.length; l++) {
      const [a, b] = [levels[l - 1], levels[l]];
      if (!COVERS[a.cond].includes(b.cond) || b.hist > a.hist) {
        throw new Error(`KneserNey: level ${l} (${b.cond}, ${b.hist}) is not a coarsening of level ${l - 1} (${a.cond}, ${a.hist})`);
      }
    }
    this.contexts = levels.map(() => new Map());
    this.parent = levels.map(() => new Map());
  }

  private key(l: number, role: string, situation: string, history: readonly number[]): string {
    const { cond, hist } = this.levels[l];
    const c = cond === 'rs' ? `${role}/${situation}` : cond === 'r' ? role : cond === 's' ? situation : '';
    return `${c}|${history.slice(history.length - hist).join(',')}`;
  }

  /** Counts one event: token `w` after `history` (most recent last; at least `hist` long). */
  add(role: string, situation: string, history: readonly number[], w: number): void {
    if (this.finalized) throw new Error('KneserNey: add after finalize');
    const keys = this.levels.map((_, l) => this.key(l, role, situation, history));
    for (let l = 1; l < keys.length; l++) this.parent[l - 1].set(keys[l - 1], keys[l]);
    const ctx = this.context(0, keys[0]);
    ctx.words.set(w, (ctx.words.get(w) ?? 0) + 1);
  }

  private context(l: number, key: string): Context {
    let ctx = this.contexts[l].get(key);
    if (!ctx) {
      ctx = { total: 0, backoff: 0, words: new Map() };
      this.contexts[l].set(key, ctx);
    }
    return ctx;
  }

  /** Derives continuation counts and discounts; call once after the last `add`. */
  finalize(): void {
    for (let l = 1; l < this.levels.length; l++) {
      for (const [key, ctx] of this.contexts[l - 1]) {
        const lower = this.context(l, this.parent[l - 1].get(key)!);
        for (const w of ctx.words.keys()) lower.words.set(w, (lower.words.get(w) ?? 0) + 1);
      }
    }
    this.discounts = this.contexts.map((level) => {
      const n = [0, 0, 0, 0, 0];
      for (const ctx of level.values()) for (const c of ctx.words.values()) if (c <= 4) n[c]++;
      const y = n[1] > 0 ? n[1] / (n[1] + 2 * n[2]) : 0.5;
      const d = (k: number) => (n[k] > 0 ? Math.min(k, Math.max(0.05, k - (k + 1) * y * (n[k + 1] / n[k]))) : 0.5 * Math.min(k, 2));
      return [d(1), d(2), d(3)];
    });
    this.contexts.forEach((level, l) => {
      const [d1, d2, d3] = this.discounts[l];
      for (const ctx of level.values()) {
        let total = 0;
        let backoff = 0;
        for (const c of ctx.words.values()) {
          total += c;
          backoff += c === 1 ? d1 : c === 2 ? d2 : d3;
        }
        ctx.total = total;
        ctx.backoff = backoff;
      }
    });
    this.parent.forEach((m) => m.clear());
    this.finalized = true;
  }

  private discount(l: number, c: number): number {
    const d = this.discounts[l];
    return c === 1 ? d[0] : c === 2 ? d[1] : d[2];
  }

  private get base(): number {
    return 1 / (this.vocabSize - this.excluded.length);
  }

  /** Index of the most specific level whose context was seen in training (levels.length if none). */
  seenLevel(role: string, situation: string, history: readonly number[]): number {
    for (let l = 0; l < this.levels.length; l++) if (this.contexts[l].has(this.key(l, role, situation, history))) return l;
    return this.levels.length;
  }

  /** P(w | conditioning, history). */
  prob(role: string, situation: string, history: readonly number[], w: number): number {
    if (this.excluded.includes(w)) return 0;
    let p = this.base;
    for (let l = this.levels.length - 1; l >= 0; l--) {
      const ctx = this.contexts[l].get(this.key(l, role, situation, history));
      if (!ctx) continue;
      const c = ctx.words.get(w) ?? 0;
      p = (Math.max(0, c - (c > 0 ? this.discount(l, c) : 0)) + ctx.backoff * p) / ctx.total;
    }
    return p;
  }

  /** The whole next-token distribution (length vocabSize, sums to 1). */
  distribution(role: string, situation: string, history: readonly number[], out: Float64Array = new Float64Array(this.vocabSize)): Float64Array {
    // Each seen level's discounted counts enter scaled by the backoff weights of the more specific
    // levels; the uniform base by all of them. One pass over the vocabulary, not one per level.
    const { seen, floor } = this.seen(role, situation, history);
    out.fill(floor);
    for (const e of this.excluded) out[e] = 0;
    for (const { l, ctx, scale: s } of seen) {
      const { ids, shares } = this.terms(l, ctx);
      for (let k = 0; k < ids.length; k++) out[ids[k]] += s * shares[k];
    }
    return out;
  }

  /**
   * The `size` most likely allowed ids with probability above 0 and their probabilities, largest
   * first, ties by lower id: bit for bit what a scan of `distribution` finds, without building it.
   * The seen contexts of a history nest (each holds the words of the one above it), so a word's
   * probability is the base plus its shares from the most specific context that holds it down:
   * - the words of the third-last context and above (a handful) are summed one by one;
   * - the second-last context's other words are walked by share + r × parent share, the order of
   *   their probabilities up to rounding (ranked once per context; a margin covers the rounding);
   * - the last context's other words are walked by share, the exact order of theirs;
   * each walk stops once `size` are taken and the next cannot beat them. Words no seen context
   * holds (all at the uniform base) are looked for only when the last walk runs out.
   */
  top(role: string, situation: string, history: readonly number[], size: number, allowed: ArrayLike<number>): { ids: number[]; probs: number[] } {
    const { seen, floor } = this.seen(role, situation, history);
    const candidate = (w: number) => allowed[w] && !this.excluded.includes(w);
    const found: { w: number; p: number }[] = [];
    const add = (w: number, p: number) => p > 0 && found.push({ w, p });
    const n = seen.length;
    const [third, second, last] = [seen[n - 3], seen[n - 2], seen[n - 1]];
    if (third) {
      for (const w of third.ctx.words.keys()) {
        if (!candidate(w)) continue;
        let p = floor; // summed in the order `distribution` sums it
        for (const { l, ctx, scale } of seen) {
          const c = ctx.words.get(w);
          if (c !== undefined) p += scale * ((c - this.discount(l, c)) / ctx.total);
        }
        add(w, p);
      }
    }
    if (second) {
      const { ids, shares, parentShares } = (second.ctx.pair ??= this.pairRanking(second.l, second.ctx, last.l, last.ctx));
      let taken = 0;
      let bar = Infinity; // the smallest of the first `size` taken
      for (let k = 0; k < ids.length; k++) {
        const w = ids[k];
        if (third?.ctx.words.has(w) || !candidate(w)) continue;
        const p = floor + second.scale * shares[k] + last.scale * parentShares[k];
        if (taken >= size && p * (1 + 1e-9) < bar) break;
        add(w, p);
        if (++taken <= size) bar = Math.min(bar, p);
      }
    }
    let ranOut = true;
    if (last) {
      const { ids, shares } = this.terms(last.l, last.ctx);
      const order = (last.ctx.order ??= rankShares(ids, shares));
      let taken = 0;
      let bar = Infinity;
      for (const k of order) {
        const w = ids[k];
        if (second?.ctx.words.has(w) || !candidate(w)) continue;
        const p = floor + last.scale * shares[k];
        if (taken >= size && p < bar) {
          ranOut = false;
          break;
        }
        add(w, p);
        taken++;
        bar = p;
      }
    }
    if (ranOut && floor > 0) {
      for (let w = 0; w < this.vocabSize; w++) if (candidate(w) && !last?.ctx.words.has(w)) found.push({ w, p: floor });
    }
    found.sort((a, b) => b.p - a.p || a.w - b.w);
    const kept = found.slice(0, size);
    return { ids: kept.map((x) => x.w), probs: kept.map((x) => x.p) };
  }

  /** A context's words with their shares and their parent's, by share + (backoff ÷ total) × parent share. */
  private pairRanking(l: number, ctx: Context, parentLevel: number, parent: Context): PairRanking {
    const { ids, shares } = this.terms(l, ctx);
    const parentShare = new Map<number, number>();
    const up = this.terms(parentLevel, parent);
    up.ids.forEach((w, k) => parentShare.set(w, up.shares[k]));
    const r = ctx.backoff / ctx.total;
    const key = Float64Array.from(ids, (w, k) => shares[k] + r * parentShare.get(w)!);
    const order = Int32Array.from(ids.keys()).sort((a, b) => key[b] - key[a] || ids[a] - ids[b]);
    return {
      ids: Int32Array.from(order, (k) => ids[k]),
      shares: Float64Array.from(order, (k) => shares[k]),
      parentShares: Float64Array.from(order, (k) => parentShare.get(ids[k])!),
    };
  }

  /** The seen contexts of a history, most specific first, and the uniform base's share. */
  private seen(role: string, situation: string, history: readonly number[]): { seen: SeenLevel[]; floor: number } {
    const seen: SeenLevel[] = [];
    let scale = 1;
    for (let l = 0; l < this.levels.length; l++) {
      const ctx = this.contexts[l].get(this.key(l, role, situation, history));
      if (!ctx) continue;
      seen.push({ l, ctx, scale });
      scale *= ctx.backoff / ctx.total;
    }
    return { seen, floor: this.base * scale };
  }

  private terms(l: number, ctx: Context): NonNullable<Context['terms']> {
    return (ctx.terms ??= this.termsOf(l, ctx));
  }

  private termsOf(l: number, ctx: Context): NonNullable<Context['terms']> {
    const ids = new Int32Array(ctx.words.size);
    const shares = new Float64Array(ctx.words.size);
    let k = 0;
    for (const [w, c] of ctx.words) {
      ids[k] = w;
      shares[k++] = (c - this.discount(l, c)) / ctx.total;
    }
    return { ids, shares };
  }
}

/** Indices of `shares`, largest first, ties by lower id. */
function rankShares(ids: Int32Array, shares: Float64Array): Int32Array {
  return Int32Array.from(ids.keys()).sort((a, b) => shares[b] - shares[a] || ids[a] - ids[b]);
}
