/**
 * The browser tests (test/browser): the real server and Debian's Chromium, one file at a time.
 * Run with `npm run test:browser`; the main config leaves them out.
 */
// The main config also installs the Map.groupBy shim vitest 5 needs on Node 20.
import './vitest.config.ts';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
