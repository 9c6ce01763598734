/**
 * The browser tests (test/browser): the real server and Debian's Chromium, one file at a time.
 * Run with `npm run test:browser`; the main config leaves them out. Without Chromium they are skipped
 * with a notice, unless REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
 */
// The main config also installs the Map.groupBy shim vitest 5 needs on Node 20.
import './vitest.config.ts';
import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(chromium);
if (!available) {
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but there is no browser at ${chromium}: apt-get install -y chromium`);
  process.stderr.write(`\n*** browser tests skipped: no Chromium at ${chromium} (apt-get install -y chromium, or set CHROMIUM_PATH) ***\n\n`);
}

export default defineConfig({
  test: {
    include: available ? ['test/browser/**/*.test.ts'] : [],
    passWithNoTests: !available,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
