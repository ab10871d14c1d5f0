import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { lineProblem, normalizeLine, splitPieces } from '../../src/models/dialogue/pieces';
import { DialogueTokenizer, EOS, UNK } from '../../src/models/dialogue/tokenizer';
import { parseRows } from '../../src/train/dialogue/corpusRows';
import { splitByFamily } from '../../src/train/dialogue/splits';
import { expand, expandRoleTemplates, type RoleTemplates } from '../../src/train/dialogue/templates';

const LINES = [
  'Welcome, {player}. Sit a while; the village has waited.',
  "They call me {npc}, though the young ones call me \"the old one.\"",
  'Go {direction} to {place}. The {foe} is sitting next to {item}!',
  "Don't wander the {biome} after dark... it's north-east of here?",
  'Ah, a new face. Faces are the only thing that changes around here.',
];

describe('pieces', () => {
  it('cut a line into pieces that join back to it exactly', () => {
    for (const line of LINES) {
      const pieces = splitPieces(line);
      expect(pieces.join('')).toBe(line);
      for (const p of pieces) expect(p).toMatch(/^ ?\S+$/);
    }
    expect(splitPieces('Go {direction}, hero.')).toEqual(['Go', ' {direction}', ',', ' hero', '.']);
  });

  it('normalize whitespace and reject bad lines with a reason', () => {
    expect(normalizeLine('  Hello   there \t you ')).toBe('Hello there you');
    expect(lineProblem('Beware {dragon}.')).toMatch(/unknown slot \{dragon\}/);
    expect(lineProblem('A stray { brace')).toMatch(/stray/);
    expect(lineProblem('a|b')).toMatch(/separator/);
    expect(lineProblem('')).toMatch(/empty/);
    expect(lineProblem('Fine, {player}.')).toBeNull();
  });
});

describe('BPE tokenizer', () => {
  const tok = DialogueTokenizer.train([...LINES, ...LINES], ['elder'], ['greeting'], 60);

  it('round-trips text, keeps slots atomic and marks piece starts', () => {
    for (const line of LINES) {
      const ids = tok.encode(line);
      expect(tok.decode(ids)).toBe(line);
      expect(ids).not.toContain(UNK);
    }
    const ids = tok.encode('Go {direction}.');
    expect(ids.map((i) => tok.vocab[i])).toContain('\u2581{direction}');
    // Every token that starts a piece carries a marker; continuation tokens do not.
    const pieces = splitPieces('Go {direction}, to {place} now.');
    for (const p of pieces) {
      const pi = tok.encodePiece(p);
      expect(tok.startsPiece[pi[0]]).toBe(1);
      for (const c of pi.slice(1)) expect(tok.startsPiece[c]).toBe(0);
    }
    expect(tok.startsPiece[EOS]).toBe(1);
  });

  it('maps unseen characters to <unk> and survives a JSON round trip', () => {
    expect(tok.encode('Zq')).toContain(UNK);
    const again = DialogueTokenizer.fromJSON(JSON.parse(JSON.stringify(tok.toJSON())));
    expect(again.vocab).toEqual(tok.vocab);
    expect(again.encode(LINES[2])).toEqual(tok.encode(LINES[2]));
    expect(() => DialogueTokenizer.fromJSON({ format: 'other' })).toThrow(/worldsmith-bpe/);
  });

  it('gives unknown roles the neutral prefix when trained with one', () => {
    const t2 = DialogueTokenizer.train(LINES, ['*', 'elder'], ['*'], 10);
    expect(t2.roleToken('bard')).toBe(t2.roleToken('*'));
    expect(t2.roleToken('elder')).not.toBe(t2.roleToken('*'));
  });
});

describe('corpus rows', () => {
  it('report bad rows with their line numbers and keep the good ones', () => {
    const text = ['elder|greeting|Hello, {player}.', '', '# comment', 'wizard|greeting|Hi.', 'elder|gossip|Hi.', 'elder|greeting|Beware {dragon}.', 'just text'].join('\n');
    const { rows, issues } = parseRows(text, 'x.txt', 'handwritten');
    expect(rows).toHaveLength(1);
    expect(issues.map((i) => i.line)).toEqual([4, 5, 6, 7]);
    expect(issues[0].message).toMatch(/unknown role "wizard"/);
    expect(issues[3].message).toMatch(/expected role\|situation\|text/);
    const any = parseRows('Just a line of text.\nbard|lore|A song, {player}.', 'mine.txt', 'any');
    expect(any.issues).toEqual([]);
    expect(any.rows.map((r) => r.role)).toEqual(['*', 'bard']);
  });

  it('split by family: a family never straddles two parts, and the split is seeded', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({ family: `f${i % 97}`, role: 'elder', situation: 'greeting', text: `Line ${i}.`, source: `x:${i}` }));
    const a = splitByFamily(rows, 1);
    const fam = (part: typeof a.train) => new Set(part.map((r) => r.family));
    const [tr, va, te] = [fam(a.train), fam(a.validation), fam(a.test)];
    for (const f of va) expect(tr.has(f) || te.has(f)).toBe(false);
    for (const f of te) expect(tr.has(f)).toBe(false);
    expect(a.train.length + a.validation.length + a.test.length).toBe(400);
    expect(splitByFamily(rows, 1).test).toEqual(a.test);
    expect(splitByFamily(rows, 2).test).not.toEqual(a.test);
  });
});

describe('templates', () => {
  const t: RoleTemplates = {
    role: 'merchant',
    perFamily: 5,
    rules: { ware: ['rope', 'figs', 'pans', 'oil'], hail: ['Hello', 'Welcome'] },
    families: { trade: ['#hail.capitalize#! #ware.capitalize# or #ware#, {player}?'], greeting: ['#hail#.'] },
  };

  it('expand deterministically, without repeating a pick within one line', () => {
    const a = expandRoleTemplates(t, {}, 'm.json');
    expect(expandRoleTemplates(t, {}, 'm.json')).toEqual(a);
    const trade = a.filter((r) => r.situation === 'trade');
    expect(trade).toHaveLength(5);
    expect(new Set(trade.map((r) => r.family))).toEqual(new Set(['tpl/merchant/trade/0']));
    for (const r of trade) {
      const [, w1, w2] = r.text.match(/! (\w+) or (\w+),/)!;
      expect(w1.toLowerCase()).not.toBe(w2);
    }
    // Only two distinct greetings exist: the family stops there.
    expect(a.filter((r) => r.situation === 'greeting')).toHaveLength(2);
  });

  it('name the unknown symbol', () => {
    expect(() => expand('#nope#', {}, createRng('x'))).toThrow(/#nope#/);
    expect(() => expandRoleTemplates({ ...t, families: { lore: ['#missing#'] } }, {}, 'm.json')).toThrow(/m\.json: families\.lore\[0\].*#missing#/);
  });
});
