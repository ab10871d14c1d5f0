import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { Attestation } from '../../src/models/dialogue/attestation';
import { Lexicon, LineForm, slotsBySituation, type FormRules } from '../../src/models/dialogue/lineForm';
import { MarkovChain } from '../../src/models/dialogue/markov';
import { isSlotPiece, isWordPiece, pieceBody, splitPieces, wordsOf } from '../../src/models/dialogue/pieces';
import type { DialogueModels } from '../../src/models/dialogue/sampler';
import { markovPieces } from '../../src/models/dialogue/score';
import { DialogueTokenizer } from '../../src/models/dialogue/tokenizer';
import { initParams } from '../../src/models/dialogue/transformer';
import { createLineWriter, DEFAULT_WRITER, pickCandidate, stutters, unattestedShare, type WriterSettings } from '../../src/models/dialogue/writer';
import { sentenceKeys } from '../../src/pipeline/dialogue';
import { fillSlots } from '../../src/pipeline/slots';
import { buildNoveltyIndex, lineProblem } from '../../src/pipeline/lineFilter';
import type { LineRequest } from '../../src/pipeline/ports';
import { initTfNode } from '../../src/train/tfNode';

// A small corpus with varied greetings and hints so the chain has choices to rank.
const GREET = [
  'Welcome, {player}. Sit a while by the fire.', 'Hello there, {player}. The fire is warm.', 'Good day to you, {player}.',
  'Welcome back, traveller. Sit by the fire.', 'Ah, {player}. A fine day for the road.', 'Greetings, friend. The road is long.',
  'Hello, friend. Rest a while.', 'Good morrow, {player}. Rest by the fire a while.', 'Welcome, friend. The day is fine.',
];
const HINT = [
  'Go {direction} to {place}, child.', 'Head {direction}, past the {biome}, to {place}.', '{place} lies to the {direction}, friend.',
  'The {foe} guards {item} in {place}.', 'Walk {direction} and you will find {place}.', 'Seek {place}, to the {direction}.',
];
const QUEST = [
  'Bring me {item}, {player}.', 'Please find {item} in {place}, friend.', 'I need {item} back, {player}.',
  'Will you fetch {item} for me?', 'Find {item} and bring it home.', 'Bring {item} back to me, friend.',
];
const ROWS = [
  ...GREET.map((text) => ({ role: 'elder', situation: 'greeting', text })),
  ...HINT.map((text) => ({ role: 'elder', situation: 'hint', text })),
  ...QUEST.map((text) => ({ role: 'elder', situation: 'quest-hook', text })),
  ...GREET.slice(0, 4).map((text) => ({ role: 'guard', situation: 'greeting', text: text.replace('fire', 'gate') })),
];
const FACTS = { npc: 'Ana', player: 'Bo', item: 'the Key', place: 'Keld Vale', biome: 'woods', foe: 'slime', direction: 'north' };

let models: DialogueModels;
beforeAll(async () => {
  await initTfNode();
  const tok = DialogueTokenizer.train(ROWS.map((r) => r.text), ['elder', 'guard'], ['greeting', 'hint', 'quest-hook'], 40);
  const config = { vocabSize: tok.size, context: 48, dModel: 16, heads: 2, layers: 1, ffn: 32 };
  models = { tokenizer: tok, config, weights: initParams(config, 3), markov: new MarkovChain(ROWS), mixtureWeights: [0.5] };
});

describe('line form (constrained decoding rules)', () => {
  const lexicon = new Lexicon(ROWS.map((r) => r.text));
  const rules: FormRules = { lexicon, minWords: 3, maxSentences: 2, requireFacts: true };
  const feed = (form: LineForm, line: string): boolean => splitPieces(line).every((p) => form.allows(p) && (form.add(p), true));

  it('allows known words in sentence form and refuses unknown words, dangling ends and doubled words', () => {
    expect(feed(new LineForm(rules, 'greeting'), 'Hello there, friend.')).toBe(true);
    expect(feed(new LineForm(rules, 'greeting'), 'Hello zorblat.')).toBe(false);
    expect(feed(new LineForm(rules, 'greeting'), 'Sit by the.')).toBe(false);
    expect(feed(new LineForm(rules, 'greeting'), 'Rest rest a while.')).toBe(false);
    expect(feed(new LineForm(rules, 'greeting'), 'Hello. sit a while.')).toBe(false); // a sentence starts with a capital
  });

  it('no sentence ends on a frequent word pair training sentences never end on; undo restores it', () => {
    const lines = [...Array.from({ length: 20 }, (_, i) => `Sit by the old ${['well', 'mill', 'gate', 'oak', 'road'][i % 5]}.`), 'The mill is old.', 'It is cold.'];
    const pairRules: FormRules = { ...rules, lexicon: new Lexicon(lines) };
    expect(pairRules.lexicon.mayEndSentence('old', 'the')).toBe(false);
    expect(pairRules.lexicon.mayEndSentence('old', 'is')).toBe(true); // after "is" it ends a sentence
    expect(feed(new LineForm(pairRules, 'greeting'), 'Sit by the old.')).toBe(false);
    expect(feed(new LineForm(pairRules, 'greeting'), 'Sit by the old well.')).toBe(true);
    expect(feed(new LineForm(pairRules, 'greeting'), 'It is cold. Old.')).toBe(true); // a pair never spans a full stop
    const form = new LineForm(pairRules, 'greeting');
    feed(form, 'Sit by the old');
    form.add(' well');
    expect(form.allows('.')).toBe(true);
    form.undo();
    expect(form.allows('.')).toBe(false);
  });

  it('ends only after a full sentence with enough words, and must end after maxSentences', () => {
    const form = new LineForm(rules, 'greeting');
    feed(form, 'Hello there, friend');
    expect(form.canEnd()).toBe(false);
    feed(form, '.');
    expect(form.canEnd()).toBe(true);
    feed(form, ' Rest a while.');
    expect(form.mustEnd()).toBe(true);
    expect(form.allows(' Sit')).toBe(false);
  });

  it('a line cannot end before its longest sentence has minLongestSentence words (lore: no lead-in alone)', () => {
    const loreRules: FormRules = { ...rules, minLongestSentence: 5 };
    const form = new LineForm(loreRules, 'greeting');
    feed(form, 'Hello there, friend.');
    expect(form.canEnd()).toBe(false); // three words: a lead-in
    feed(form, ' Sit a while by the fire');
    expect(form.canEnd()).toBe(false);
    form.add('.');
    expect(form.canEnd()).toBe(true); // six words
    form.undo();
    expect(form.canEnd()).toBe(false);
    const plain = new LineForm(rules, 'greeting');
    feed(plain, 'Hello there, friend.');
    expect(plain.canEnd()).toBe(true); // no such rule by default
  });

  it('a hint cannot end before it names where to go; undo takes a piece back', () => {
    const form = new LineForm(rules, 'hint');
    feed(form, 'Go to the fire.');
    expect(form.canEnd()).toBe(false);
    form.add(' {place}');
    form.undo();
    expect(form.canEnd()).toBe(false);
    const named = new LineForm(rules, 'hint');
    feed(named, 'Go {direction} to {place}.');
    expect(named.canEnd()).toBe(true);
  });

  it('a sentence names a slot once; the next sentence may name it again; undo restores it', () => {
    expect(feed(new LineForm(rules, 'hint'), '{place} lies to the {direction}, to {place}.')).toBe(false);
    expect(feed(new LineForm(rules, 'hint'), 'Seek {place}. {place} lies to the {direction}.')).toBe(true);
    const form = new LineForm(rules, 'hint');
    feed(form, 'Seek {place}');
    expect(form.allows(' {place}')).toBe(false);
    form.add('.');
    expect(form.allows(' {place}')).toBe(true);
    form.undo();
    expect(form.allows(' {place}')).toBe(false);
  });

  it('with slotOncePerLine no sentence names a slot the line already named; undo of the slot restores it (quest descriptions)', () => {
    const once: FormRules = { ...rules, slotOncePerLine: true };
    expect(feed(new LineForm(once, 'hint'), 'Seek {place}. {place} lies to the {direction}.')).toBe(false);
    expect(feed(new LineForm(once, 'hint'), 'Seek {place}. Walk {direction}.')).toBe(true); // other slots stay free
    const form = new LineForm(once, 'hint');
    feed(form, 'Seek');
    form.add(' {place}');
    form.undo();
    feed(form, ' the fire.');
    expect(form.allows(' {place}')).toBe(true); // the undone {place} was never named
    form.add(' {place}');
    form.add('.');
    expect(form.allows(' {place}')).toBe(false);
    expect(DEFAULT_WRITER.slotOncePerLine).toEqual(['quest-description']);
  });

  it("a piece's facts agree with the lexicon and the piece helpers", () => {
    for (const piece of [' Welcome', 'Welcome', ' welcome', ' {player}', ',', '.', ' zorblat', ' Fire', "'"]) {
      const f = lexicon.facts(piece);
      expect(f).toBe(lexicon.facts(piece)); // worked out once
      expect(f.body).toBe(pieceBody(piece));
      expect(f.word).toBe(isWordPiece(piece));
      expect(f.slot).toBe(isSlotPiece(piece) ? pieceBody(piece).slice(1, -1) : null);
      expect(f.known).toBe(isWordPiece(piece) && lexicon.has(pieceBody(piece)));
    }
    expect(lexicon.facts(' welcome').startsLower).toBe(true);
    expect(lexicon.facts(' Welcome').startsLower).toBe(false);
  });

  it("a line names only slots its situation's training lines name", () => {
    const slots = slotsBySituation(ROWS);
    expect([...slots.get('greeting')!]).toEqual(['player']);
    expect([...slots.get('hint')!].sort()).toEqual(['biome', 'direction', 'foe', 'item', 'place']);
    const greeting: FormRules = { ...rules, slots: slots.get('greeting') };
    expect(feed(new LineForm(greeting, 'greeting'), 'Welcome, {player}. Sit by the fire.')).toBe(true);
    expect(feed(new LineForm(greeting, 'greeting'), 'Welcome, {player}. Go {direction}.')).toBe(false);
    expect(feed(new LineForm(rules, 'greeting'), 'Welcome, {player}. Go {direction}.')).toBe(true); // without the rule
    const hint: FormRules = { ...rules, slots: slots.get('hint') };
    expect(feed(new LineForm(hint, 'hint'), 'Go {direction} to {place}, {player}.')).toBe(false);
  });
});

describe('line writer (best-of-N under rules)', () => {
  const requests = (n: number, situation: 'greeting' | 'hint' | 'quest-hook' | 'lore'): LineRequest[] =>
    Array.from({ length: n }, (_, i) => ({ role: 'elder', situation, facts: { ...FACTS, npc: `N${i}` } }));
  const index = buildNoveltyIndex(ROWS.map((r) => r.text));

  it.each(['markov', 'transformer', 'mixture'] as const)('%s: same seed, same lines; every line passes the filters and keeps its facts', (kind) => {
    const writer = createLineWriter(kind, models, index);
    const reqs = [...requests(4, 'greeting'), ...requests(4, 'hint')];
    const a = writer.sampleLines(reqs, createRng('w'), { temperature: 1, topK: 20 });
    const b = writer.sampleLines(reqs, createRng('w'), { temperature: 1, topK: 20 });
    expect(a).toEqual(b);
    expect(writer.name).toBe(kind);
    expect(a.filter((l) => l !== '').length).toBeGreaterThan(0);
    a.forEach((line, i) => {
      if (line === '') return;
      const filled = fillSlots(line, reqs[i].facts);
      expect(filled).not.toBeNull();
      expect(lineProblem(line, filled!, index, reqs[i].situation)).toBeNull();
    });
  });

  it.each(['markov', 'mixture'] as const)("%s: a greeting names only the slots the corpus's greetings name", (kind) => {
    // The chain backs off from greetings to hints, whose {direction} and {place} it could splice in.
    const lines = createLineWriter(kind, models, index).sampleLines(requests(24, 'greeting'), createRng('sit'), { temperature: 1.5, topK: 50 });
    expect(lines.filter((l) => l !== '').length).toBeGreaterThan(12);
    expect(lines.flatMap((l) => l.match(/\{[a-z]+\}/g) ?? []).filter((s) => s !== '{player}')).toEqual([]);
  });

  it("a situation's longest-sentence rule holds in every line it writes (lore's lead-ins alone are gone)", () => {
    const longest = (line: string) => Math.max(...line.split(/[.!?]/).map((s) => wordsOf(s).length)); // words and slots, as LineForm counts them
    const write = (longestSentenceBySituation: WriterSettings['longestSentenceBySituation']) =>
      createLineWriter('markov', models, index, { ...DEFAULT_WRITER, longestSentenceBySituation }).sampleLines(requests(24, 'greeting'), createRng('longest'), { temperature: 1.5, topK: 50 }).filter((l) => l !== '');
    expect(write({}).some((l) => longest(l) < 5)).toBe(true); // the rule has work to do here
    const ruled = write({ greeting: 5 });
    expect(ruled.length).toBeGreaterThan(12);
    for (const line of ruled) expect(longest(line), line).toBeGreaterThanOrEqual(5);
    expect(DEFAULT_WRITER.longestSentenceBySituation.lore).toBe(6);
  });

  it("a situation's withoutSlots are never named, though its training lines name them (lore: no foe, no biome)", () => {
    const write = (withoutSlots: WriterSettings['withoutSlots']) =>
      createLineWriter('markov', models, index, { ...DEFAULT_WRITER, withoutSlots }).sampleLines(requests(24, 'hint'), createRng('without'), { temperature: 1.5, topK: 50 }).filter((l) => l !== '');
    const named = (lines: string[]) => new Set(lines.flatMap((l) => l.match(/\{[a-z]+\}/g) ?? []));
    expect(named(write({}))).toEqual(new Set(['{item}', '{place}', '{direction}'])); // the rule has work to do here
    const ruled = write({ hint: ['item', 'direction'] });
    expect(ruled.length).toBeGreaterThan(12);
    expect(named(ruled)).toEqual(new Set(['{place}'])); // the slots not listed stay
    expect(DEFAULT_WRITER.withoutSlots.lore).toEqual(['foe', 'biome']);
  });

  it('more candidates give lines the models find more likely (the ranking works)', () => {
    const reqs = requests(24, 'greeting');
    const bitsPerChar = (candidates: number) => {
      const lines = createLineWriter('markov', models, index, { ...DEFAULT_WRITER, candidates }).sampleLines(reqs, createRng('rank'), { temperature: 1.5, topK: 50 });
      const kept = lines.filter((l) => l !== '');
      expect(kept.length).toBeGreaterThan(reqs.length / 2);
      const bits = kept.map((text) => -markovPieces(models.markov, { role: 'elder', situation: 'greeting', text }).markov.reduce((s, b) => s + b, 0));
      return bits.reduce((s, b) => s + b, 0) / kept.reduce((s, t) => s + t.length + 1, 0);
    };
    expect(bitsPerChar(8)).toBeLessThan(bitsPerChar(1));
  });

  it('with a splice penalty, keeps lines with fewer runs no training line has (fewer splices)', () => {
    const reqs = requests(24, 'greeting');
    const runs = new Attestation(ROWS);
    const unattested = (splicePenalty: number) => {
      const lines = createLineWriter('mixture', models, index).sampleLines(reqs, createRng('splice'), { temperature: 1.5, topK: 50, splicePenalty });
      expect(lines.filter((l) => l !== '').length).toBeGreaterThan(reqs.length / 2);
      return lines.filter((l) => l !== '').reduce((n, l) => n + unattestedShare(runs, l, reqs[0]), 0);
    };
    const before = unattested(0);
    expect(before).toBeGreaterThan(0);
    expect(unattested(5)).toBeLessThan(before);
    expect(() => createLineWriter('mixture', models, index).sampleLines(reqs, createRng('splice'), { temperature: 1, topK: 20, splicePenalty: -1 })).toThrow(/splicePenalty must be a number ≥ 0/);
  });

  it.each(['markov', 'mixture'] as const)("%s: chooses a speaker's lines in turn, each without the sentences its earlier lines say while a candidate allows it", (kind) => {
    const writer = createLineWriter(kind, models, index);
    const reqs = requests(8, 'greeting').map((r) => ({ ...r, facts: FACTS }));
    const sampling = { temperature: 0.5, topK: 20 }; // a cool draw: the best lines come back often
    const apart = writer.sampleLines(reqs, createRng('speaker'), sampling);
    const together = writer.sampleLines(reqs.map((r) => ({ ...r, speaker: 7 })), createRng('speaker'), sampling);
    const repeats = (lines: string[]) => {
      const said = new Set<string>();
      let n = 0;
      for (const line of lines) {
        const keys = sentenceKeys(fillSlots(line, FACTS) ?? '');
        if (keys.some((key) => said.has(key))) n++;
        keys.forEach((key) => said.add(key));
      }
      return n;
    };
    expect(repeats(apart)).toBeGreaterThan(4); // the same best greeting again and again
    expect(repeats(together)).toBe(0); // the small corpus has enough other greetings
    expect(together[0]).toBe(apart[0]); // the first line is chosen as without a speaker
    // Lines of different speakers do not constrain each other.
    expect(writer.sampleLines(reqs.map((r, i) => ({ ...r, speaker: i })), createRng('speaker'), sampling)).toEqual(apart);
  });

  it("takes the call's candidates (the game's params.dialogue.candidates) over its own setting, and refuses a bad count", () => {
    const reqs = requests(12, 'greeting');
    const sampling = { temperature: 1.5, topK: 50 };
    const write = (own: number, candidates?: number) =>
      createLineWriter('mixture', models, index, { ...DEFAULT_WRITER, candidates: own }).sampleLines(reqs, createRng('call'), { ...sampling, candidates });
    expect(write(8, 1)).toEqual(write(1));
    expect(write(1, 8)).toEqual(write(8));
    expect(write(1, 8)).not.toEqual(write(1));
    expect(() => write(8, 0)).toThrow(/candidates must be a whole number/);
  });

  it('with pick > 0 draws among the distinct acceptable candidates, the likelier more often, the same for the same seed', () => {
    const reqs = requests(24, 'greeting');
    // Without the splice penalty, so the draw's weights are the models' alone.
    const sampling = { temperature: 1.5, topK: 50, candidates: 8, splicePenalty: 0 };
    const write = (pick: number, seed = 'pick') => createLineWriter('mixture', models, index).sampleLines(reqs, createRng(seed), { ...sampling, pick });
    const best = write(0);
    expect(write(0.3)).toEqual(write(0.3));
    expect(write(0.3)).not.toEqual(best);
    // The drawn lines are candidates too: each passes the same filters and keeps its request's facts.
    write(0.3).forEach((line, i) => line && expect(lineProblem(line, fillSlots(line, reqs[i].facts)!, index, 'greeting')).toBeNull());
    // The smaller pick stays closer to the most likely lines (by the chain, which ranks them in part).
    const chainBits = (lines: string[]) => {
      const kept = lines.filter((l) => l !== '');
      const bits = kept.reduce((n, text) => n - markovPieces(models.markov, { role: 'elder', situation: 'greeting', text }).markov.reduce((a, b) => a + b, 0), 0);
      return bits / kept.reduce((n, t) => n + t.length + 1, 0);
    };
    expect(chainBits(best)).toBeLessThan(chainBits(write(1)));
    expect(() => write(-0.1)).toThrow(/pick must be a number ≥ 0/);
  });

  it('pickCandidate: the best (first of ties) at 0; draws weighted by exp(−Δ / pick) above 0', () => {
    const byText = new Map([['a', 0.9], ['b', 0.5], ['c', 0.5], ['d', 3]]);
    expect(pickCandidate(byText, 0, createRng('x'))).toBe('b');
    const counts = new Map<string, number>();
    for (let k = 0; k < 4000; k++) {
      const t = pickCandidate(byText, 0.2, createRng(`draw-${k}`));
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    // weights b = c = 1, a = e^−2 ≈ 0.135, d = e^−12.5 ≈ 0: shares ≈ 0.47, 0.47, 0.06, 0.
    expect(counts.get('b')! / 4000).toBeCloseTo(1 / (2 + Math.exp(-2)), 1);
    expect(counts.get('c')! / 4000).toBeCloseTo(1 / (2 + Math.exp(-2)), 1);
    expect(counts.get('a')! / 4000).toBeCloseTo(Math.exp(-2) / (2 + Math.exp(-2)), 1);
    expect(counts.get('d') ?? 0).toBeLessThan(5);
    expect(pickCandidate(new Map([['only', 2]]), 0.5, createRng('y'))).toBe('only');
  });

  it('quest lines draw questFactor times the candidates, other lines the candidates', () => {
    const sampling = { temperature: 1.5, topK: 50 };
    const write = (reqs: LineRequest[], candidates: number, questFactor: number) =>
      createLineWriter('mixture', models, index, { ...DEFAULT_WRITER, questFactor, situationFactor: {} }).sampleLines(reqs, createRng('quest'), { ...sampling, candidates });
    const quest = requests(12, 'quest-hook');
    const hint = requests(12, 'hint');
    const doubled = write(quest, 4, 2);
    expect(doubled.filter((l) => l !== '').length).toBeGreaterThan(0);
    expect(doubled).toEqual(write(quest, 8, 1));
    expect(doubled).not.toEqual(write(quest, 4, 1));
    expect(write(hint, 4, 2)).toEqual(write(hint, 4, 1));
  });

  it('situations with a factor draw that many times the candidates, before the quest factor', () => {
    const sampling = { temperature: 1.5, topK: 50 };
    const write = (reqs: LineRequest[], candidates: number, situationFactor: WriterSettings['situationFactor']) =>
      createLineWriter('mixture', models, index, { ...DEFAULT_WRITER, situationFactor }).sampleLines(reqs, createRng('tales'), { ...sampling, candidates });
    expect(DEFAULT_WRITER.situationFactor).toEqual({ greeting: 4, farewell: 4, lore: 8, rumour: 4, warning: 4, trade: 4, hint: 4, 'quest-hook': 4, 'quest-description': 4 });
    const lore = requests(12, 'lore');
    const fourfold = write(lore, 2, { lore: 4 });
    expect(fourfold.filter((l) => l !== '').length).toBeGreaterThan(0);
    expect(fourfold).toEqual(write(lore, 8, {}));
    expect(fourfold).not.toEqual(write(lore, 2, {}));
    const hint = requests(12, 'hint');
    expect(write(hint, 2, { lore: 4 })).toEqual(write(hint, 2, {}));
    // A quest hook's own factor replaces the quest factor (DEFAULT_WRITER's 2).
    const hook = requests(12, 'quest-hook');
    expect(write(hook, 2, { 'quest-hook': 4 })).toEqual(write(hook, 8, { 'quest-hook': 1 }));
    expect(write(hook, 2, {})).toEqual(write(hook, 4, { 'quest-hook': 1 }));
  });
});

describe('attestation (runs of 4 pieces the training lines have)', () => {
  const runs = new Attestation([
    { role: 'elder', situation: 'greeting', text: 'Welcome, {player}. Sit by the fire.' },
    { role: 'elder', situation: 'farewell', text: 'Off you go, {player}.' },
  ]);
  const unattested = (text: string, situation = 'greeting', role = 'elder') => runs.check(text, role, situation).unattested;

  it('counts the runs no training line contains, in lower case, line start and end included', () => {
    expect(runs.check('Welcome, {player}. Sit by the fire.', 'elder', 'greeting')).toEqual({ runs: 8, unattested: 0 });
    expect(unattested('welcome, {player}. sit by the fire.')).toBe(0);
    // The greeting's opening joined to the farewell: the runs across the seam and the farewell's ending are new here.
    expect(unattested('Welcome, {player}. Off you go, {player}.')).toBe(4);
  });

  it('a run that starts or ends a line must start or end one of the same role and situation', () => {
    expect(unattested('Off you go, {player}.', 'farewell')).toBe(0);
    expect(unattested('Off you go, {player}.', 'greeting')).toBe(2); // a whole farewell, said as a greeting
    expect(unattested('Off you go, {player}.', 'farewell', 'guard')).toBe(2); // the elder's words, not the guard's
  });

  it('the writer penalises the share of unattested runs, not their number', () => {
    const request = { role: 'elder', situation: 'greeting', facts: FACTS } as const;
    expect(unattestedShare(runs, 'Welcome, {player}. Sit by the fire.', request)).toBe(0);
    expect(unattestedShare(runs, 'Welcome, {player}. Off you go, {player}.', request)).toBeCloseTo(4 / 9);
  });

  it('refuses a bad order', () => {
    expect(() => new Attestation([], 1)).toThrow(/order/);
  });
});

describe('stutter filter', () => {
  it('rejects a repeated run of three or four words, keeps doubled pairs and distant repeats', () => {
    expect(stutters('Welcome, my good customer, my good customer!')).toBe(true);
    expect(stutters('Go to {place}, go to {place}, and hurry up now.')).toBe(true);
    expect(stutters('Well met, well met, {player}!')).toBe(false);
    expect(stutters('Bring me the key. Then bring me the key of {place}.')).toBe(false);
  });

  it('with the lexicon, rejects short runs and sentences repeated as its training lines never do', () => {
    const lexicon = new Lexicon([
      'Well met, well met, {player}!',
      'Thank you, thank you, thank you! Farewell, {player}.',
      'Oh, it is really, really big.',
      'Hark! Hark! The bells!',
    ]);
    // Repetitions the training lines make, as often as they make them.
    expect(stutters('Well met, well met! Farewell, {player}.', lexicon)).toBe(false);
    expect(stutters('Thank you, thank you, thank you, {player}.', lexicon)).toBe(false);
    expect(stutters('The {foe} is really, really big.', lexicon)).toBe(false);
    expect(stutters('Hark! Hark! Farewell, {player}.', lexicon)).toBe(false);
    // More often, other runs, or a sentence said twice that no training line says twice.
    expect(stutters('Well met, well met, well met!', lexicon)).toBe(true);
    expect(stutters('Go north and do not do not stop.', lexicon)).toBe(true);
    expect(stutters('Big, big trouble ahead.', lexicon)).toBe(true);
    expect(stutters('Farewell, {player}! Farewell, {player}!', lexicon)).toBe(true);
    // A phrase taken up again by the next sentence is not a stutter.
    expect(stutters('Keep away from the {foe}! The {foe} is really, really big.', lexicon)).toBe(false);
    expect(stutters('Well met, well met, well met!')).toBe(false); // without a lexicon: the old rule only
  });
});
