#!/usr/bin/env node
// The `sincro` command. It runs the TypeScript sources through tsx, so a checkout works without a
// build step; the desktop app bundles the same core with electron-vite.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../core/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
