#!/usr/bin/env node
/**
 * Builds the `sincro` command to plain JavaScript in dist-cli/ (run by `npm install` and `npm ci`
 * through the `prepare` script, and by `npm run build:cli`; under a second, offline).
 * bin/sincro.js runs this build when it is up to date with the sources, and the TypeScript
 * sources through tsx otherwise, so a checkout whose sources were edited since still runs what is
 * on disk. `node scripts/build-cli.mjs <folder>` builds elsewhere (a folder inside the checkout,
 * so the packages in node_modules are found).
 *
 * The CLI is bundled with code splitting: each command, and each connector, is a chunk loaded
 * when used. Packages stay in node_modules (imported, not bundled). Code that finds files beside
 * its source (`new URL('…', import.meta.url)`: the templates, the WSDL, generated schemas) is
 * given the URL of its source file, so it finds them from the build as well.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(process.argv[2] ?? join(root, 'dist-cli'));
const started = Date.now();

let esbuild;
try {
  // esbuild comes with tsx (a dependency) and vite; it is not a package of its own here.
  esbuild = await import('esbuild');
} catch (e) {
  // Not fatal: without a build, bin/sincro.js runs the sources through tsx (slower to start).
  console.warn(`sincro: the CLI was not built (esbuild could not be loaded: ${e instanceof Error ? e.message : String(e)}); sincro will run from the TypeScript sources.`);
  process.exit(0);
}

/** `import.meta.url` in a source file means that file, wherever its code ends up. */
const sourceUrls = {
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
      const fromOutdir = relative(outdir, args.path).split('\\').join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOutdir)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await esbuild.build({
  entryPoints: { main: join(root, 'core/cli/main.ts') },
  absWorkingDir: root,
  outdir,
  bundle: true,
  // Every chunk in one folder: the URLs given to the sources above are relative to it.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [sourceUrls],
});

// What the build was made from, so bin/sincro.js can tell whether it is still up to date.
const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules/'));
const builtFrom = Math.max(...inputs.map((p) => statSync(join(root, p)).mtimeMs));
writeFileSync(join(outdir, 'inputs.json'), JSON.stringify({ builtFrom, inputs }));
writeFileSync(join(outdir, 'package.json'), `${JSON.stringify({ type: 'module', private: true })}\n`);
console.log(`sincro: built the CLI into ${relative(root, outdir)} (${inputs.length} source files, ${Date.now() - started} ms)`);
