// After `electron-vite build`: runs out/preload/index.cjs the way a sandboxed renderer does (a bare
// context whose require knows only 'electron') and checks it exposes window.sincro and nothing
// else. Catches an ES-module preload or a dependency left unbundled, which only fail inside
// Electron otherwise. Usage: node electron/preload/check-built-preload.mjs
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

const file = new URL('../../out/preload/index.cjs', import.meta.url);
const exposed = [];
const invoked = [];
const electron = {
  contextBridge: { exposeInMainWorld: (key, api) => exposed.push([key, api]) },
  ipcRenderer: { invoke: async (channel, input) => (invoked.push([channel, input]), { result: 'ok' }), on() {}, removeListener() {} },
};
const sandboxRequire = (name) => {
  if (name === 'electron') return electron;
  throw new Error(`a sandboxed preload cannot require "${name}"; bundle it into the preload`);
};
const mod = { exports: {} };
runInNewContext(`(function (exports, require, module) {${readFileSync(file, 'utf8')}\n})`, {})(mod.exports, sandboxRequire, mod);

const fail = (why) => {
  console.error(`built preload: ${why}`);
  process.exit(1);
};
if (exposed.length !== 1 || exposed[0][0] !== 'sincro') fail(`expected exactly window.sincro, got ${JSON.stringify(exposed.map((e) => e[0]))}`);
const api = exposed[0][1];
if (Object.keys(api).sort().join() !== 'call,onEvent') fail(`window.sincro has ${Object.keys(api).join(', ')}`);
if ((await api.call('flows.list', {})) !== 'ok' || invoked[0]?.[0] !== 'sincro:call:flows.list') fail('call did not reach sincro:call:flows.list');
const refused = await api.call('not.a.method', {}).then(() => false, () => true);
if (!refused || invoked.length !== 1) fail('an unknown method reached IPC');
console.log('built preload: CommonJS, requires only electron, exposes window.sincro { call, onEvent }');
