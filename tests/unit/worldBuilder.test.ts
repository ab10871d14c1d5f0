import { describe, expect, it } from 'vitest';
import { proceduralSampler } from '../../src/art/spriteProcedural';
import type { WorldParams } from '../../src/core/params';
import type { World } from '../../src/core/schema';
import { startWorkerBuilder, type FromWorker, type ToWorker, type WorldBuilder } from '../../src/game/boot/worldBuilder';
import { WorldController } from '../../src/game/controller';
import { serializeWorld } from '../../src/pipeline/export/worldJson';
import { generateWorld } from '../../src/pipeline/world';

/** A builder whose builds finish when the test says so. */
function heldBuilder() {
  const calls: { seed: string; params: WorldParams; finish: () => void; fail: (e: Error) => void }[] = [];
  const build: WorldBuilder = (seed, params) =>
    new Promise<World>((resolve, reject) => calls.push({ seed, params, finish: () => resolve(generateWorld(seed, params)), fail: reject }));
  return { build, calls };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('WorldController builds', () => {
  it('skips the builds asked for while one runs: the newest wins and every caller gets it', async () => {
    const { build, calls } = heldBuilder();
    const ctl = new WorldController(build, { procedural: proceduralSampler() });
    const shown: string[] = [];
    ctl.on('world', (w) => shown.push(w.seed));
    const a = ctl.regenerate('a');
    const b = ctl.regenerate('b', { width: 3 });
    const c = ctl.regenerate('c', { height: 3 });
    expect(calls.map((x) => x.seed)).toEqual(['a']);
    calls[0].finish();
    await flush();
    expect(calls.map((x) => x.seed)).toEqual(['a', 'c']);
    expect(shown).toEqual([]);
    calls[1].finish();
    const worlds = await Promise.all([a, b, c]);
    expect(worlds.map((w) => w.seed)).toEqual(['c', 'c', 'c']);
    expect(shown).toEqual(['c']);
    // Overrides asked for in a row add up.
    expect([ctl.world.width, ctl.world.height]).toEqual([3, 3]);
    expect(serializeWorld(ctl.world)).toBe(serializeWorld(generateWorld('c', { width: 3, height: 3 })));
  });

  it('keeps the world on screen when a build fails, and its params', async () => {
    const { build, calls } = heldBuilder();
    const ctl = new WorldController(build, { procedural: proceduralSampler() });
    const first = ctl.regenerate('ok');
    calls[0].finish();
    await first;
    const failed = ctl.regenerate('ok', { loops: 0.9 });
    expect(ctl.params.loops).toBe(0.9);
    calls[1].fail(new Error('the world worker failed: out of memory'));
    await expect(failed).rejects.toThrow(/out of memory/);
    expect(ctl.world.seed).toBe('ok');
    expect(ctl.params).toEqual(ctl.world.params);
  });

  it('does not show a world that was being built when another was imported', async () => {
    const { build, calls } = heldBuilder();
    const ctl = new WorldController(build, { procedural: proceduralSampler() });
    const pending = ctl.regenerate('late');
    ctl.importWorld(serializeWorld(generateWorld('imported')));
    calls[0].finish();
    await expect(pending).rejects.toThrow(/world late was not shown: a world was imported/);
    expect(ctl.world.seed).toBe('imported');
    expect(ctl.imported).toBe(true);
  });
});

/** A stand-in for a Worker: records what the page posts and lets the test answer. */
class FakeWorker extends EventTarget {
  posted: ToWorker[] = [];
  terminated = false;
  postMessage(msg: ToWorker): void {
    this.posted.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(msg: FromWorker): void {
    this.dispatchEvent(new MessageEvent('message', { data: msg }));
  }
  fail(message: string): void {
    const e = new Event('error') as Event & { message: string };
    e.message = message;
    this.dispatchEvent(e);
  }
}

describe('the world worker’s builder', () => {
  const statuses = [{ model: 'dialogue' as const, state: 'loaded' as const, message: 'Dialogue model: loaded', fallback: 'placeholder lines', short: '' }];

  it('starts the worker with the page base, then answers builds by id', async () => {
    const worker = new FakeWorker();
    const started = startWorkerBuilder(worker as unknown as Worker, 'http://host/game/');
    expect(worker.posted).toEqual([{ type: 'init', base: 'http://host/game/' }]);
    worker.answer({ type: 'ready', statuses });
    const { build, statuses: got } = await started;
    expect(got).toEqual(statuses);
    const params = generateWorld('w1').params;
    const one = build('w1', params);
    const two = build('w2', params);
    expect(worker.posted.slice(1).map((m) => m.type === 'build' && [m.id, m.seed])).toEqual([[1, 'w1'], [2, 'w2']]);
    worker.answer({ type: 'failed', id: 2, message: 'seed: expected …' });
    worker.answer({ type: 'built', id: 1, world: generateWorld('w1') });
    expect((await one).seed).toBe('w1');
    await expect(two).rejects.toThrow('seed: expected …');
  });

  it('rejects what is pending, and every later build, once the worker dies', async () => {
    const worker = new FakeWorker();
    const started = startWorkerBuilder(worker as unknown as Worker, 'http://host/');
    worker.answer({ type: 'ready', statuses });
    const { build } = await started;
    const pending = build('w1', generateWorld('w1').params);
    worker.fail('boom');
    await expect(pending).rejects.toThrow('the world worker failed: boom');
    await expect(build('w2', generateWorld('w2').params)).rejects.toThrow('the world worker failed: boom');
    expect(worker.terminated).toBe(true);
  });

  it('gives up on a worker that cannot load or never answers', async () => {
    const broken = new FakeWorker();
    const a = startWorkerBuilder(broken as unknown as Worker, 'http://host/');
    broken.fail('');
    await expect(a).rejects.toThrow('the world worker failed: it could not be loaded');
    const silent = new FakeWorker();
    await expect(startWorkerBuilder(silent as unknown as Worker, 'http://host/', 20)).rejects.toThrow('did not start within 0.02 s');
    expect(silent.terminated).toBe(true);
  });
});
