// The desktop app: main (ESM), the sandboxed preload (CommonJS, as Electron requires for
// sandbox: true, with its few dependencies bundled in), and the renderer.
import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: { rollupOptions: { input: { index: resolve('electron/main/index.ts') } } },
  },
  preload: {
    plugins: [externalizeDepsPlugin({ exclude: ['zod'] })],
    build: {
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    // electron-vite leaves the renderer unminified by default (about twice the size).
    build: { minify: true, rollupOptions: { input: { index: resolve('renderer/index.html') } } },
  },
});
