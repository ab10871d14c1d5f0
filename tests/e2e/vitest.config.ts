import { defineConfig } from 'vitest/config';

/** Browser tests: run by tests/e2e/run.ts against a `vite preview` server (E2E_URL). */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    // A guard against hangs, not a speed target: the longest scenarios (the panel's params and
    // export tests build several worlds each) took 44–46 s on a machine half again slower than
    // usual and passed 60 s when a training job shared it.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Worlds are built in a worker while the page keeps answering: a poll waits for one to be
    // shown (1-2 s with the models, more on a busy machine), not just for the page to unfreeze.
    expect: { poll: { timeout: 20_000 } },
    // One browser at a time: two cores, and software WebGL is CPU-bound.
    fileParallelism: false,
    pool: 'forks',
  },
});
