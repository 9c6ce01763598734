/**
 * The reliability suite (`npm run test:reliability`): crash, concurrency, fuzz and access tests against
 * real server processes. Slow by design, so it is kept out of `npm test`; RELIABILITY_TRIALS bounds it
 * (CI: 5), RELIABILITY_SEED repeats a run. Uses the main config's settings (and its Node 20 shim) plus
 * one throwaway PostgreSQL cluster for the run.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

export default defineConfig({
  test: {
    ...base.test,
    include: ['test/reliability/**/*.test.ts'],
    exclude: ['node_modules/**'],
    globalSetup: ['test/store/pgGlobalSetup.ts'],
    // Each file starts its own servers; run them one at a time so they do not compete for the CPU.
    fileParallelism: false,
    testTimeout: 30 * 60_000,
    hookTimeout: 5 * 60_000,
  },
});
