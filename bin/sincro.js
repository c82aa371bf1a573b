#!/usr/bin/env node
// The `sincro` command. It runs the plain-JavaScript build in dist-cli/ (made by `npm install`,
// see scripts/build-cli.mjs) when that build is up to date with the sources; otherwise (no build,
// or a source edited since) it runs the TypeScript sources through tsx, which starts slower but
// always runs what is on disk. The desktop app bundles the same core with electron-vite.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

function builtAndCurrent() {
  try {
    const { builtFrom, inputs } = JSON.parse(readFileSync(new URL('dist-cli/inputs.json', root), 'utf8'));
    return inputs.every((file) => statSync(new URL(file, root)).mtimeMs <= builtFrom);
  } catch {
    return false;
  }
}

let main;
if (process.env.SINCRO_FROM_SOURCE !== '1' && builtAndCurrent()) {
  ({ main } = await import('../dist-cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../core/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
