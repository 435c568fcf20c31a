#!/usr/bin/env node
// The `kanswijzer` command. It runs the TypeScript sources through tsx, so `npx kanswijzer` works in a
// clone right after `npm install`, without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
