/// <reference lib="webworker" />
import { generateWorld } from '../../pipeline/world';
import { bootGenerators, fetchProbe, type BootedGenerators } from './generators';
import { MODEL_LOADERS } from './modelLoaders';
import type { FromWorker, ToWorker } from './worldBuilder';

/**
 * The world worker (started by the boot scene, see worldBuilder.ts): loads the level VAE and the
 * dialogue model with the game's own loaders and fallbacks, reports their statuses, then answers
 * each build request with `generateWorld(seed, params, generators)`, one at a time.
 */
declare const self: DedicatedWorkerGlobalScope;

let booted: Promise<BootedGenerators> | undefined;
const post = (msg: FromWorker) => self.postMessage(msg);

self.addEventListener('message', (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type === 'init') {
    booted = bootGenerators({ rooms: MODEL_LOADERS.rooms, lines: MODEL_LOADERS.lines }, fetchProbe, msg.base);
    void booted.then((b) => post({ type: 'ready', statuses: b.statuses.filter((s) => s.model !== 'sprite-gan') }));
    return;
  }
  void (async () => {
    try {
      if (!booted) throw new Error('world worker: build before init');
      const { generators } = await booted;
      post({ type: 'built', id: msg.id, world: generateWorld(msg.seed, msg.params, generators) });
    } catch (err) {
      post({ type: 'failed', id: msg.id, message: (err as Error).message });
    }
  })();
});
