import { describe, expect, it } from 'vitest';
import { UsageError, parseGenerateArgs } from '../../src/cli/args';

const noFile = (path: string): unknown => {
  throw new UsageError(`--params ${path}: cannot read file (ENOENT)`);
};

describe('generate arguments', () => {
  it('parses a full command line', () => {
    const o = parseGenerateArgs(['--seed', '42', '--out', 'dir', '--format', 'json', '--width', '7', '--rooms', 'classic', '--count', '3'], noFile);
    if (o === 'help') throw new Error('unexpected help');
    expect(o.seed).toBe('42');
    expect(o.format).toBe('json');
    expect(o.count).toBe(3);
    expect(o.params.width).toBe(7);
    expect(o.params.height).toBe(5);
    expect(o.params.rooms.source).toBe('classic');
  });

  it('takes params from a file (an exported world works too)', () => {
    const o = parseGenerateArgs(['--seed', 's', '--out', 'd', '--params', 'p.json'], () => ({ loops: 0.9, density: { enemies: 0 } }));
    if (o === 'help') throw new Error('unexpected help');
    expect(o.params.loops).toBe(0.9);
    expect(o.params.density.enemies).toBe(0);
  });

  it.each([
    [['--out', 'd'], /--seed is required/],
    [['--seed', 's'], /--out is required/],
    [['--seed', 'a b', '--out', 'd'], /--seed: expected/],
    [['--seed', 's', '--out', 'd', '--format', 'xml'], /--format: expected json, tmj or both, got "xml"/],
    [['--seed', 's', '--out', 'd', '--width', '1'], /--width: expected a whole number from 2 to 12, got "1"/],
    [['--seed', 's', '--out', 'd', '--height', 'many'], /--height: expected a whole number/],
    [['--seed', 's', '--out', 'd', '--count', '0'], /--count/],
    [['--seed', 's', '--out', 'd', '--rooms', 'gan'], /--rooms: expected vae or classic/],
    [['--seed', 's', '--out', 'd', '--lines', 'gpt'], /--lines: expected one of/],
    [['--seed', 's', '--out', 'd', '--bogus'], /Unknown option '--bogus'/],
    [['--seed', 's', '--out', 'd', 'extra'], /Unexpected argument/],
    [['--seed', 's', '--out', 'd', '--params', 'missing.json'], /missing\.json: cannot read file/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseGenerateArgs(argv as string[], noFile)).toThrow(message);
  });

  it('refuses params that are out of range, naming the field', () => {
    expect(() => parseGenerateArgs(['--seed', 's', '--out', 'd', '--params', 'p'], () => ({ loops: 3 }))).toThrow(/params\.loops/);
    expect(() => parseGenerateArgs(['--seed', 's', '--out', 'd', '--params', 'p'], () => [1, 2])).toThrow(/expected a JSON object/);
  });

  it('answers --help', () => {
    expect(parseGenerateArgs(['--help'], noFile)).toBe('help');
  });
});
