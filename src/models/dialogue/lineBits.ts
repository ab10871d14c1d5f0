import { KvDecoder } from './decode';
import type { DialogueModels } from './sampler';
import { EOS } from './tokenizer';

/**
 * How likely the transformer finds lines written by another model: the line writer's judge and
 * the evaluation's. Candidates of one request share their role, their situation and often their
 * first words, so the lines are sorted and, within each batch of sorted lines, each distinct prefix
 * is decoded once: a line that branches off another's prefix takes that prefix's cached keys and
 * values (`KvDecoder.fork`).
 * A row of the decoder never depends on the others, so every line's bits are those of decoding
 * it alone.
 */

/** Lines decoded together (one decoder row each at most). */
const BATCH = 64;

/**
 * −log2 P(text | role, situation) under the transformer for each request's text, the text then
 * `<eos>` (cut at the context length).
 */
export function transformerBitsOf(models: DialogueModels, requests: readonly { role: string; situation: string }[], texts: readonly string[]): number[] {
  const { tokenizer: tok, config } = models;
  if (requests.length !== texts.length) throw new Error(`transformerBitsOf: ${requests.length} requests for ${texts.length} texts`);
  const seqs = requests.map((r, k) => [tok.roleToken(r.role), tok.situationToken(r.situation), ...tok.encode(texts[k]), EOS].slice(0, config.context + 1));
  const bits = new Array<number>(seqs.length).fill(0);
  const order = seqs.map((_, k) => k).sort((a, b) => compareTokens(seqs[a], seqs[b]));
  for (let start = 0; start < order.length; start += BATCH) {
    decodeShared(models, order.slice(start, start + BATCH).map((k) => seqs[k])).forEach((b, m) => (bits[order[start + m]] = b));
  }
  return bits;
}

/** Lexicographic order of token sequences, a prefix before its extensions. */
function compareTokens(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * Bits of sorted sequences, decoding each distinct prefix once. At step t the sequences still
 * feeding that agree on tokens 0…t form a run of neighbours (a group); the group decodes in the
 * row of its first member, which forks from the row of the group's parent at step t − 1 unless
 * it is that row. A first member stays first until it ends, so a forked row held no live prefix.
 */
function decodeShared(models: DialogueModels, seqs: readonly (readonly number[])[]): number[] {
  const n = seqs.length;
  const v = models.tokenizer.size;
  const decoder = new KvDecoder(models.weights, models.config, n);
  const bits = new Array<number>(n).fill(0);
  const rowOf = new Int32Array(n).fill(-1); // the decoder row holding sequence m's prefix
  const feed = new Int32Array(n);
  const active = new Uint8Array(n);
  const longest = Math.max(...seqs.map((s) => s.length));
  for (let t = 0; t + 1 < longest; t++) {
    active.fill(0);
    let lead = -1;
    let parent = -1; // the row of the lead's prefix at step t − 1
    for (let m = 0; m < n; m++) {
      const s = seqs[m];
      if (t + 1 >= s.length) continue;
      if (lead < 0 || rowOf[m] !== parent || seqs[lead][t] !== s[t]) {
        parent = rowOf[m];
        if (t > 0 && parent !== m) decoder.fork(parent, m);
        lead = m;
        feed[m] = s[t];
        active[m] = 1;
      }
      rowOf[m] = lead;
    }
    const probs = decoder.step(feed, active);
    for (let m = 0; m < n; m++) {
      const s = seqs[m];
      if (t >= 1 && t + 1 < s.length) bits[m] -= Math.log2(probs[rowOf[m] * v + s[t + 1]]);
    }
  }
  decoder.dispose();
  return bits;
}
