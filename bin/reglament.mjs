#!/usr/bin/env node
// Entry point of the `reglament` command: runs the TypeScript CLI, bundled once into JavaScript (see
// cliBundle.mjs), or through tsx when no bundle can be made. No build step to remember.
import { loadMain } from './cliBundle.mjs';

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
