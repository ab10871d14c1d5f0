import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createProgress, formatField } from '../../src/train/progress';

function collector(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(w, { text: () => chunks.join('') });
}

describe('training progress', () => {
  it('prints one line per 25% when not a TTY, with named fields in order', () => {
    const out = collector();
    const p = createProgress({ total: 100, label: 'vae', fields: ['epoch', 'loss'], everyPercent: 25, stream: out });
    for (let s = 1; s <= 100; s++) p.update(s, { loss: 1 / s, epoch: Math.ceil(s / 10), kl: 0.5 });
    p.stop();
    const lines = out.text().trim().split('\n');
    expect(lines.map((l) => l.split(' | ')[0])).toEqual(['vae 1%', 'vae 25%', 'vae 50%', 'vae 75%', 'vae 100%']);
    expect(lines[4]).toMatch(/^vae 100% \| 100\/100 \| \d+\.\ds \| epoch 10 \| loss 0\.01000 \| kl 0\.5000$/);
  });

  it('prints the final state on stop when the last update did not', () => {
    const out = collector();
    const p = createProgress({ total: 10, everyPercent: 50, stream: out });
    p.update(3, { loss: 2 });
    p.update(4, { loss: 1.5 });
    p.stop();
    p.stop(); // a second stop adds nothing
    const lines = out.text().trim().split('\n');
    expect(lines.map((l) => l.split(' | ')[1])).toEqual(['3/10', '4/10']);
    expect(lines[1]).toMatch(/\| loss 1\.500$/);
  });

  it('formats numbers readably', () => {
    expect(formatField(12)).toBe('12');
    expect(formatField(0.123456)).toBe('0.1235');
    expect(formatField(0.0000123)).toBe('1.230e-5');
    expect(formatField(NaN)).toBe('NaN');
    expect(formatField('warmup')).toBe('warmup');
  });
});
