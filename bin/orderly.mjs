#!/usr/bin/env node
/* global URL */
// The `orderly` command. In a checkout it runs the TypeScript sources through
// tsx (a runtime dependency, as for `npm start`); where only the compiled
// build ships (the container image: `npm run build`, no src/), it runs dist/
// and nothing is transpiled at run time.
import { existsSync } from 'node:fs';
import process from 'node:process';

const fromSource = existsSync(new URL('../src/cli/main.ts', import.meta.url));
let run;
if (fromSource) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ run } = await import('../src/cli/main.ts'));
} else {
  ({ run } = await import('../dist/cli/main.js'));
}
await run(process.argv.slice(2));
