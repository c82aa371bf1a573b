// Browser tests: real Chromium (Debian's /usr/bin/chromium) driven by playwright-core against the
// web host on 127.0.0.1. They run one at a time after `npm run build:web`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
