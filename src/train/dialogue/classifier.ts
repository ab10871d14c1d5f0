import { lineWords } from '../../pipeline/lineFilter';

/**
 * The role classifier behind `roleAccuracy`: multinomial naive Bayes over lower-case word
 * unigrams and bigrams (slot tokens count as words), add-α smoothing, uniform prior. Trained on
 * the training split's lines; it guesses which role spoke a generated line.
 */
export class RoleClassifier {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly totals = new Map<string, number>();
  private readonly vocab = new Set<string>();

  constructor(rows: readonly { role: string; text: string }[], private readonly alpha = 0.1) {
    for (const r of rows) {
      let c = this.counts.get(r.role);
      if (!c) this.counts.set(r.role, (c = new Map()));
      for (const f of features(r.text)) {
        c.set(f, (c.get(f) ?? 0) + 1);
        this.totals.set(r.role, (this.totals.get(r.role) ?? 0) + 1);
        this.vocab.add(f);
      }
    }
  }

  get roles(): string[] {
    return [...this.counts.keys()].sort();
  }

  /** The most likely role of a line (ties: alphabetical first). */
  predict(text: string): string {
    const feats = features(text).filter((f) => this.vocab.has(f));
    let best = '';
    let bestScore = -Infinity;
    const v = this.vocab.size;
    for (const role of this.roles) {
      const c = this.counts.get(role)!;
      const denom = Math.log((this.totals.get(role) ?? 0) + this.alpha * v);
      let score = 0;
      for (const f of feats) score += Math.log((c.get(f) ?? 0) + this.alpha) - denom;
      if (score > bestScore) {
        bestScore = score;
        best = role;
      }
    }
    return best;
  }
}

function features(text: string): string[] {
  const w = lineWords(text);
  const out = w.slice();
  for (let i = 1; i < w.length; i++) out.push(`${w[i - 1]} ${w[i]}`);
  return out;
}
