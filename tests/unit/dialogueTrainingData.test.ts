import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { chainSamples, templateResampling } from '../../src/train/dialogue/augment';
import { MarkovChain } from '../../src/models/dialogue/markov';
import { buildCorpus } from '../../src/train/dialogue/buildCorpus';
import { formatCorpus, parseRows } from '../../src/train/dialogue/corpusRows';
import { splitByFamily } from '../../src/train/dialogue/splits';
import { compositionProblem, expandRoleTemplates } from '../../src/train/dialogue/templates';
import { epochLines } from '../../src/train/dialogue/trainTransformer';

const CORPUS = 'assets/text/corpus.txt';

describe('template composition check', () => {
  it('rejects a lower-case sentence start and a doubled word, unless the grammar writes the pair', () => {
    expect(compositionProblem('Peace, {player}. the Dawn sees you.')).toMatch(/lower-case.*capitalize/);
    expect(compositionProblem('I can spare spare arrows.')).toMatch(/"spare spare" repeats a word/);
    expect(compositionProblem('La la! A tune for a coin.', { tune: ['La la!'] })).toBeNull();
    expect(compositionProblem('Peace, {player}. The Dawn sees you.')).toBeNull();
    const t = { role: 'priest', perFamily: 3, rules: { god: ['the Dawn'] }, families: { greeting: ['Peace. #god# sees you.'] } };
    expect(() => expandRoleTemplates(t, {}, 'p.json')).toThrow(/p\.json: families\.greeting\[0\].*lower-case/);
  });
});

describe('the committed corpus and the shipped model', () => {
  it('the corpus is what data:dialogue builds from the sources, and the shipped model was trained on it', () => {
    const built = buildCorpus();
    expect(built.issues).toEqual([]);
    const text = readFileSync(CORPUS, 'utf8');
    expect(formatCorpus(built.rows) === text).toBe(true); // else: npm run data:dialogue
    const sha = createHash('sha256').update(text).digest('hex');
    expect(JSON.parse(readFileSync('assets/text/corpus.meta.json', 'utf8')).sha256).toBe(sha);
    expect(JSON.parse(readFileSync('public/models/dialogue/meta.json', 'utf8')).dataHash).toBe(sha); // else: npm run train:dialogue
  });
});

describe('template resampling', () => {
  const { rows } = parseRows(readFileSync(CORPUS, 'utf8'), CORPUS, 'corpus');
  const train = splitByFamily(rows, 1).train;
  const r = templateResampling(train, 6);

  it('draws new expansions of the training template families only, with their role and situation', () => {
    const families = new Set(train.filter((x) => x.family.startsWith('tpl/')).map((x) => x.family));
    expect(r.groups).toHaveLength(families.size);
    const corpusLines = new Set(rows.map((x) => `${x.role}|${x.situation}|${x.text}`));
    expect(r.extra.length).toBeGreaterThan(families.size * 3);
    for (const g of r.groups) {
      const own = g.members.filter((i) => i < train.length);
      expect(g.take).toBe(own.length);
      expect(new Set(own.map((i) => train[i].family)).size).toBe(1);
      const texts = g.members.map((i) => (i < train.length ? train[i] : r.extra[i - train.length]).text);
      expect(new Set(texts).size).toBe(texts.length); // distinct within the family
      for (const i of g.members.filter((m) => m >= train.length)) {
        const x = r.extra[i - train.length];
        expect(x.role).toBe(train[own[0]].role);
        expect(x.situation).toBe(train[own[0]].situation);
        expect(corpusLines.has(`${x.role}|${x.situation}|${x.text}`)).toBe(false); // not a corpus line of this role/situation
      }
    }
    expect(templateResampling(train, 6)).toEqual(r); // seeded
  });

  it("an epoch keeps every hand-written line and the corpus's share of each family", () => {
    const lines = epochLines(train.length, r, createRng('e'));
    const handwritten = train.map((x, i) => [x, i] as const).filter(([x]) => x.family.startsWith('hw/')).map(([, i]) => i);
    expect(lines.filter((i) => i < train.length && train[i].family.startsWith('hw/')).sort((a, b) => a - b)).toEqual(handwritten);
    expect(lines).toHaveLength(train.length);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.some((i) => i >= train.length)).toBe(true);
    expect(epochLines(train.length, r, createRng('e'))).toEqual(lines);
  });

  it('names a corpus family the templates do not have', () => {
    const stray = [{ ...train.find((x) => x.family.startsWith('tpl/'))!, family: 'tpl/elder/greeting/999' }];
    expect(() => templateResampling(stray, 2)).toThrow(/tpl\/elder\/greeting\/999.*npm run data:dialogue/);
  });
});

describe('distillation lines written by the chain', () => {
  const { rows } = parseRows(readFileSync(CORPUS, 'utf8'), CORPUS, 'corpus');
  const train = splitByFamily(rows, 1).train.filter((r) => r.role === 'guard' || r.role === 'bard');
  const markov = new MarkovChain(train);

  it('are seeded, in the roles and situations of the training lines, never showing the chain\'s markers', () => {
    const lines = chainSamples(markov, train, 300, 1);
    expect(lines).toHaveLength(300);
    expect(chainSamples(markov, train, 300, 1)).toEqual(lines);
    expect(chainSamples(markov, train, 300, 2)).not.toEqual(lines);
    const pairs = new Set(train.map((r) => `${r.role}|${r.situation}`));
    for (const l of lines) {
      expect(pairs.has(`${l.role}|${l.situation}`)).toBe(true);
      expect(l.text).toBe(l.text.trim());
      expect(l.text).not.toMatch(/<unk>|<s>/);
      expect(l.text.length).toBeGreaterThan(0);
    }
    expect(new Set(lines.map((l) => l.role))).toEqual(new Set(['guard', 'bard']));
  });

  it('keep only the lines the filter accepts', () => {
    const short = chainSamples(markov, train, 100, 1, (l) => l.text.split(' ').length <= 8);
    expect(short).toHaveLength(100);
    for (const l of short) expect(l.text.split(' ').length).toBeLessThanOrEqual(8);
  });
});
