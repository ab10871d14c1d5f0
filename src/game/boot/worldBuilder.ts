import type { WorldParams } from '../../core/params';
import type { World } from '../../core/schema';
import { generateWorld, type Generators } from '../../pipeline/world';
import type { ModelStatus } from './generators';

/**
 * Where worlds are built. Generating a world with the models takes 1–2.5 s (the line writer is
 * most of it; several seconds with the transformer's writer), so the game builds them in a Web
 * Worker that holds the level VAE and the dialogue model: the page keeps drawing and the debug
 * panel stays live while a world is made. Without workers (or if the worker fails to start),
 * worlds are built on the page with models loaded there. Either way the world is
 * `generateWorld(seed, params, generators)`: the same code, so the same bytes.
 */
export type WorldBuilder = (seed: string, params: WorldParams) => Promise<World>;

/** Builds on the calling thread (Node, tests, the fallback). */
export function inPageBuilder(generators: Generators): WorldBuilder {
  return async (seed, params) => generateWorld(seed, params, generators);
}

/** Page → worker messages. */
export type ToWorker = { type: 'init'; base: string } | { type: 'build'; id: number; seed: string; params: WorldParams };
/** Worker → page messages. */
export type FromWorker =
  | { type: 'ready'; statuses: ModelStatus[] }
  | { type: 'built'; id: number; world: World }
  | { type: 'failed'; id: number; message: string };

export interface WorkerBuilder {
  build: WorldBuilder;
  /** The worker's model statuses (level VAE and dialogue). */
  statuses: ModelStatus[];
}

/**
 * Starts `worker` and loads the models in it (`base`: absolute URL of the page's public files).
 * Resolves with the builder once the worker reports its models; rejects if the worker fails to
 * start or does not answer within `timeoutMs`. Builds run one at a time, in order. If the worker
 * dies later, the pending builds and all later ones reject with the reason.
 */
export function startWorkerBuilder(worker: Worker, base: string, timeoutMs = 60_000): Promise<WorkerBuilder> {
  const pending = new Map<number, { resolve: (w: World) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let dead: Error | null = null;
  const die = (why: Error) => {
    dead = why;
    for (const p of pending.values()) p.reject(why);
    pending.clear();
    worker.terminate();
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      die(new Error(`the world worker did not start within ${timeoutMs / 1000} s`));
      reject(dead);
    }, timeoutMs);
    worker.addEventListener('error', (e) => {
      clearTimeout(timer);
      die(new Error(`the world worker failed: ${e.message || 'it could not be loaded'}`));
      reject(dead);
    });
    worker.addEventListener('message', (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      if (msg.type === 'ready') {
        clearTimeout(timer);
        resolve({ build, statuses: msg.statuses });
        return;
      }
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.type === 'built') p.resolve(msg.world);
      else p.reject(new Error(msg.message));
    });
    const build: WorldBuilder = (seed, params) => {
      if (dead) return Promise.reject(dead);
      const id = nextId++;
      return new Promise<World>((res, rej) => {
        pending.set(id, { resolve: res, reject: rej });
        worker.postMessage({ type: 'build', id, seed, params } satisfies ToWorker);
      });
    };
    worker.postMessage({ type: 'init', base } satisfies ToWorker);
  });
}
