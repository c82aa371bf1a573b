/**
 * The layering rule of DESIGN.md, enforced in `npm run lint`:
 *   core/      pure Node: no electron, no react, nothing of renderer/ or electron/
 *   renderer/  browser only: no Node built-in, no native module, nothing of core/ but the API contract
 *   electron/  the shell: may use core/, never renderer/ code
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure-node',
      severity: 'error',
      comment: 'core/ must run headless: it imports neither electron nor react nor UI code.',
      from: { path: '^core/' },
      to: { path: ['^renderer/', '^electron/', '^node_modules/(electron|react|react-dom|@xyflow|zustand)/'] },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      comment: 'renderer/ runs in a sandboxed browser page: no Node built-ins, no native modules.',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-no-native-or-server-packages',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^node_modules/(better-sqlite3|electron|axios|commander|tsx|csv-parse|csv-stringify)/' },
    },
    {
      name: 'renderer-only-api-contract-of-core',
      severity: 'error',
      comment: 'The renderer knows core only through its API contract (core/api/).',
      from: { path: '^renderer/' },
      to: { path: '^core/', pathNot: '^core/api/' },
    },
    {
      name: 'api-contract-is-dom-safe',
      severity: 'error',
      comment: 'core/api/ is shared with the renderer, so it may only import zod, croner (pure, no dependencies: the one cron check of screen and host) and other core/api files.',
      from: { path: '^core/api/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^core/api/', '^node_modules/zod/', '^node_modules/croner/'] },
    },
    {
      name: 'electron-not-renderer',
      severity: 'error',
      from: { path: '^electron/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^out/', '^dist-web/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
