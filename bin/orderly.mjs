#!/usr/bin/env node
// The `orderly` command. The code is TypeScript run through tsx (a runtime
// dependency, as for `npm start`): register its loader, then load the CLI.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/main.ts');
await run(process.argv.slice(2));
