import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { KneserNey } from '../../src/models/dialogue/kneserNey';
import { MarkovChain, M_BOS, M_EOS, M_UNK } from '../../src/models/dialogue/markov';
import { splitPieces } from '../../src/models/dialogue/pieces';
import { createLineSampler, sampleChainLine } from '../../src/models/dialogue/sampler';
import { ChainMemo } from '../../src/models/dialogue/chainDraw';
import { drawIndex, drawRanked, rankedProb, type RankedIndices } from '../../src/models/dialogue/draw';
import type { LineRequest } from '../../src/pipeline/ports';
import type { DialogueModels } from '../../src/models/dialogue/sampler';

/** The reference ranking drawRanked is defined over: allowed indices above 0, largest first, ties by lower index, at most `size`. */
function rankIndices(probs: ArrayLike<number>, size: number, allowed?: ArrayLike<number>): RankedIndices {
  const all = Array.from(probs, (p, i) => ({ p, i })).filter(({ p, i }) => p > 0 && (!allowed || allowed[i]));
  const kept = all.sort((a, b) => b.p - a.p || a.i - b.i).slice(0, size);
  return { ids: Int32Array.from(kept, (x) => x.i), probs: Float64Array.from(kept, (x) => x.p), complete: kept.length < size, length: probs.length };
}

const ROWS = [
  ['elder', 'greeting', 'Welcome, {player}. Sit a while by the fire.'],
  ['elder', 'greeting', 'Welcome, traveller. The fire is warm tonight.'],
  ['elder', 'hint', 'Go {direction} to {place}, child.'],
  ['elder', 'hint', 'What you seek lies {direction}, in {place}.'],
  ['merchant', 'trade', 'Rope for two coins, {player}. A fair price.'],
  ['merchant', 'trade', 'Figs for two coins. Fresh today.'],
  ['merchant', 'greeting', 'Welcome, customer! Fresh stock today.'],
  ['guard', 'warning', 'Beware the {foe} in the {biome}.'],
  ['guard', 'warning', 'The {foe} was seen near the {biome} at dusk.'],
].map(([role, situation, text]) => ({ role, situation, text }));

describe('Kneser-Ney', () => {
  it('gives a distribution that sums to 1 and agrees with prob()', () => {
    const kn = new KneserNey([{ cond: 'rs', hist: 2 }, { cond: 's', hist: 1 }, { cond: 'none', hist: 0 }], 8, [7]);
    const seqs = [[1, 2, 3, 4], [1, 2, 5, 4], [2, 3, 6, 0], [1, 1, 2, 3]];
    seqs.forEach((s, k) => {
      const h = [7, 7, ...s];
      for (let i = 2; i < h.length; i++) kn.add(k % 2 ? 'a' : 'b', 'x', h.slice(i - 2, i), h[i]);
    });
    kn.finalize();
    for (const hist of [[7, 7], [1, 2], [3, 3], [2, 3]]) {
      const d = kn.distribution('a', 'x', hist);
      expect(d.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      expect(d[7]).toBe(0);
      for (let w = 0; w < 8; w++) expect(kn.prob('a', 'x', hist, w)).toBeCloseTo(d[w], 12);
    }
    // A seen continuation is more likely than an unseen one.
    expect(kn.prob('b', 'x', [1, 2], 3)).toBeGreaterThan(kn.prob('b', 'x', [1, 2], 6));
  });

  it('refuses a chain whose levels are not coarsenings', () => {
    expect(() => new KneserNey([{ cond: 'none', hist: 1 }, { cond: 's', hist: 0 }], 4)).toThrow(/not a coarsening/);
  });
});

describe('Markov chain', () => {
  const chain = new MarkovChain(ROWS, { levels: [{ cond: 'rs', hist: 2 }, { cond: 's', hist: 2 }, { cond: 'none', hist: 1 }, { cond: 'none', hist: 0 }], minCount: 1, spellingOrder: 3 });

  it('scores every line, unknown words included, with a finite probability', () => {
    const known = chain.scoreLine('elder', 'greeting', 'Welcome, {player}. Sit a while by the fire.');
    const odd = chain.scoreLine('elder', 'greeting', 'Welcome, Zyxxor the unheard-of.');
    expect(Number.isFinite(known.log2) && Number.isFinite(odd.log2)).toBe(true);
    expect(known.log2 / known.chars).toBeGreaterThan(odd.log2 / odd.chars);
    expect(chain.id(' Zyxxor')).toBe(M_UNK);
  });

  it('samples the same line for the same seed and never emits <unk>', () => {
    const req = { role: 'elder', situation: 'hint', facts: {} } as unknown as LineRequest;
    const a = sampleChainLine(chain, req, createRng('s'), { temperature: 0.8, topK: 20 }).text;
    expect(sampleChainLine(chain, req, createRng('s'), { temperature: 0.8, topK: 20 }).text).toBe(a);
    expect(a.length).toBeGreaterThan(0);
    expect(a).not.toContain('<unk>');
    const d = chain.distribution('elder', 'hint', [M_BOS, M_BOS]);
    expect(d[M_BOS]).toBe(0);
  });

  it('samples the same lines and bits through a memo of ranked contexts shared by the lines of a call', () => {
    const memo = new ChainMemo(chain, 3);
    const reqs = (['greeting', 'hint', 'trade', 'warning'] as const).flatMap((situation) => ['elder', 'merchant', 'guard'].map((role) => ({ role, situation, facts: {} }) as unknown as LineRequest));
    for (const [k, req] of reqs.entries()) {
      for (let c = 0; c < 5; c++) {
        const opts = { temperature: 1.2, topK: 3 };
        const plain = sampleChainLine(chain, req, createRng(`m/${k}/${c}`), opts);
        expect(sampleChainLine(chain, req, createRng(`m/${k}/${c}`), opts, undefined, memo)).toEqual(plain);
      }
    }
  });

  it('ranks a context\'s most likely pieces bit for bit as a scan of its distribution does (the shipped chain and a tiny one)', () => {
    const shipped = MarkovChain.fromJSON(JSON.parse(readFileSync('public/models/dialogue/markov.json', 'utf8')));
    const scan = (m: MarkovChain, role: string, situation: string, history: number[], size: number) => {
      const r = rankIndices(m.distribution(role, situation, history), size, m.sampleable);
      return { ids: [...r.ids], probs: [...r.probs] };
    };
    const rng = createRng('top');
    let compared = 0;
    // Histories of real lines (seen contexts), the same under another role (backed off), and random pairs of pieces.
    for (const row of shipped.rows.filter((_, i) => i % 97 === 0)) {
      const ids = [M_BOS, M_BOS, ...splitPieces(row.text).map((p) => shipped.id(p))];
      for (let t = 2; t < ids.length; t += 2) {
        const history = ids.slice(t - 2, t);
        const random = [3 + Math.floor(rng.next() * (shipped.pieces.length - 3)), 3 + Math.floor(rng.next() * (shipped.pieces.length - 3))];
        for (const [role, h] of [[row.role, history], ['bard', history], [row.role, random]] as const) {
          for (const size of [8, 32, 400]) {
            expect(shipped.top(role, row.situation, [...h], size)).toEqual(scan(shipped, role, row.situation, [...h], size));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
    // The tiny chain's last context holds every piece but the start padding: the list is settled
    // up to the whole vocabulary, and asking for more gives all there are.
    for (const history of [[M_BOS, M_BOS], [chain.id(' the'), chain.id(' fire')], [M_EOS, M_UNK]]) {
      for (const size of [1, 5, chain.pieces.length - 3, chain.pieces.length + 5]) {
        expect(chain.top('elder', 'greeting', history, size)).toEqual(scan(chain, 'elder', 'greeting', history, size));
      }
    }
  });

  it('survives its JSON form (the shipped markov.json) unchanged', () => {
    const again = MarkovChain.fromJSON(JSON.parse(JSON.stringify(chain.toJSON())));
    const line = 'Go {direction} to {place}, traveller.';
    expect(again.scoreLine('elder', 'hint', line).log2).toBeCloseTo(chain.scoreLine('elder', 'hint', line).log2, 9);
    expect(() => MarkovChain.fromJSON({ format: 'worldsmith-markov', config: { levels: [] }, rows: [['a', 'b']] })).toThrow(/rows\[0\]/);
  });

  it('backs the markov LineSampler: deterministic per seed, one line per request', () => {
    const sampler = createLineSampler('markov', { markov: chain } as unknown as DialogueModels);
    const facts = { npc: 'Ana', player: 'Bo', item: 'the Key', place: 'Keld Vale', biome: 'woods', foe: 'slime', direction: 'north' };
    const reqs = [
      { role: 'elder' as const, situation: 'hint' as const, facts },
      { role: 'guard' as const, situation: 'warning' as const, facts },
    ];
    const a = sampler.sampleLines(reqs, createRng('w'), { temperature: 0.8, topK: 20 });
    expect(a).toHaveLength(2);
    expect(sampler.sampleLines(reqs, createRng('w'), { temperature: 0.8, topK: 20 })).toEqual(a);
    expect(sampler.sampleLines(reqs.slice(0, 1), createRng('w'), { temperature: 0.8, topK: 20 })).toEqual(a.slice(0, 1));
  });
});

describe('drawIndex without a top-k cut', () => {
  it('draws in proportion to p^(1/T), honours the mask and the rule, and repeats per seed', () => {
    const probs = [0.1, 0.2, 0.3, 0.4];
    const draw = (seed: string, t: number, allowed?: number[], accept?: (i: number) => boolean) => {
      const rng = createRng(seed);
      const counts = [0, 0, 0, 0];
      for (let i = 0; i < 20000; i++) counts[drawIndex(probs, rng, t, probs.length, allowed, accept)]++;
      return counts.map((c) => c / 20000);
    };
    draw('a', 1).forEach((f, i) => expect(f).toBeCloseTo(probs[i], 1));
    const sharp = probs.map((p) => p ** 2);
    const z = sharp.reduce((a, b) => a + b);
    draw('a', 0.5).forEach((f, i) => expect(f).toBeCloseTo(sharp[i] / z, 1));
    const masked = draw('a', 1, [1, 0, 1, 1], (i) => i !== 3);
    expect(masked[1]).toBe(0);
    expect(masked[3]).toBe(0);
    expect(masked[0]).toBeCloseTo(0.25, 1);
    expect(draw('b', 1)).toEqual(draw('b', 1));
    expect(drawIndex([0, 0], createRng('c'), 1, 2)).toBe(-1);
  });
});

describe('drawIndex with a top-k cut', () => {
  it('draws only among the k most likely allowed indices (ties to the lower index); the rule runs only for those about to enter', () => {
    const probs = [0.05, 0.3, 0.1, 0.3, 0.2, 0.05];
    const seen = (k: number, allowed?: number[], accept?: (i: number) => boolean) => {
      const rng = createRng('topk');
      const drawn = new Set<number>();
      for (let i = 0; i < 2000; i++) drawn.add(drawIndex(probs, rng, 1, k, allowed, accept));
      return [...drawn].sort();
    };
    expect(seen(2)).toEqual([1, 3]);
    expect(seen(3)).toEqual([1, 3, 4]);
    expect(seen(4)).toEqual([1, 2, 3, 4]);
    expect(seen(5)).toEqual([0, 1, 2, 3, 4]); // 0 and 5 tie: the lower index wins
    expect(seen(2, [1, 0, 1, 1, 1, 1])).toEqual([3, 4]);
    expect(seen(2, undefined, (i) => i !== 3)).toEqual([1, 4]);
    const asked: number[] = [];
    drawIndex(probs, createRng('x'), 1, 2, undefined, (i) => (asked.push(i), true));
    expect(asked).toEqual([0, 1, 2, 3]); // once 1 and 3 (0.3) are kept, 4 (0.2) and 5 cannot enter
    expect(drawIndex(probs, createRng('x'), 0, 3)).toBe(1); // greedy: the largest, lower index first
  });
});

describe('drawRanked (a ranked list of a distribution drawn from many times)', () => {
  it('draws the same index with the same use of the Rng as drawIndex, or asks for the full scan', () => {
    const gen = createRng('ranked/probs');
    // Coarse values, so ties are common; a few zeros; a mask and a rule that reject many indices.
    const probs = Array.from({ length: 300 }, () => (gen.next() < 0.1 ? 0 : Math.ceil(gen.next() * 40) / 40));
    const allowed = probs.map((_, i) => (i % 7 === 3 ? 0 : 1));
    let fallbacks = 0;
    for (const [size, topK, temperature, rejectEvery] of [[32, 20, 0.8, 0], [32, 20, 0.8, 2], [32, 20, 1, 5], [8, 5, 0, 3], [64, 50, 1.3, 4], [400, 20, 0.8, 2], [400, 500, 0.8, 2]]) {
      const ranked = rankIndices(probs, size, allowed);
      expect(ranked.ids.length).toBe(Math.min(size, probs.filter((p, i) => p > 0 && allowed[i]).length));
      for (let trial = 0; trial < 50; trial++) {
        const accept = rejectEvery > 0 ? (i: number) => (i + trial) % rejectEvery !== 0 : undefined;
        const [a, b] = [createRng(`ranked/${trial}`), createRng(`ranked/${trial}`)];
        const viaList = drawRanked(ranked, a, temperature, topK, accept);
        const full = drawIndex(probs, b, temperature, topK, allowed, accept);
        if (viaList === null) {
          fallbacks++;
          expect(ranked.complete && topK < probs.length).toBe(false);
          expect(drawIndex(probs, a, temperature, topK, allowed, accept)).toBe(full);
        } else {
          expect(viaList).toBe(full);
          expect(rankedProb(ranked, viaList)).toBe(probs[viaList]);
        }
        expect(a.next()).toBe(b.next()); // the same number of draws from the Rng
      }
    }
    expect(fallbacks).toBeGreaterThan(0); // the rule that rejects every second index runs the 32-long list dry
    expect(fallbacks).toBeLessThan(200);
  });
});
