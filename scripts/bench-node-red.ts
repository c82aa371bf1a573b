/**
 * W1-mapping in Node-RED beside Sincro and the plain loop, in one sitting: `npm run bench:node-red
 * [-- --records N] [--rounds N]`. The shared benchmark kit compares Sincro with Node-RED from
 * figures taken on another machine on another day; on this shared machine only runs seconds apart
 * compare. Each round runs the loop, Sincro's engine with its history at the default level, and
 * Node-RED 4.1.8 (the kit's version) one after the other on the same input, and checks each output
 * record by record against the reference transform.
 *
 * Node-RED runs the flow a user of it would build: file in (a message per line) → json → a
 * function node per step (the mapping, the country, the look-up: the kit's code) → json →
 * file out. Its time runs from the inject that starts the read to its last record, so its start-up
 * is not counted. It is installed from npm into ~/.cache/sincro-bench (or --node-red-dir) on first
 * use: it is not one of Sincro's dependencies.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkW1MappingOutput, runW1MappingBaseline, runW1MappingEngine, writeW1MappingData } from '../core/bench/workload-w1-mapping';

const NODE_RED = 'node-red@4.1.8';
/** A Node-RED that dropped a record would never count its last one. */
const NODE_RED_TIMEOUT_MS = 15 * 60_000;
const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
    'node-red-dir': { type: 'string', default: join(homedir(), '.cache', 'sincro-bench', NODE_RED) },
  },
});
const records = Number(values.records);
const rounds = Number(values.rounds);
const nodeRedDir = values['node-red-dir'] as string;
const nodeRedBin = join(nodeRedDir, 'node_modules', 'node-red', 'red.js');

if (!existsSync(nodeRedBin)) {
  console.error(`installing ${NODE_RED} into ${nodeRedDir} (once)`);
  mkdirSync(nodeRedDir, { recursive: true });
  writeFileSync(join(nodeRedDir, 'package.json'), '{"private":true}');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', NODE_RED], { cwd: nodeRedDir, stdio: 'inherit' });
}

/**
 * The function nodes' code: the kit's reference transform (w1-mapping-reference.ts) as a Node-RED
 * user would paste it, the country table left to a step of its own as in Sincro's flow. Written
 * out, not taken from the imported functions, whose text the TypeScript loader rewrites; the
 * output check below holds it to the reference byte for byte.
 */
const MAPPING = `const o = msg.payload;
const d = new Date(o.createdAt);
const p2 = (v) => (v < 10 ? '0' : '') + v;
const orderDate = d.getUTCFullYear() + '-' + p2(d.getUTCMonth() + 1) + '-' + p2(d.getUTCDate()) + ' ' + p2(d.getUTCHours()) + ':' + p2(d.getUTCMinutes());
let subtotalCents = 0;
let itemCount = 0;
const items = new Array(o.lines.length);
for (let k = 0; k < o.lines.length; k++) {
  const l = o.lines[k];
  const unitCents = Math.round(l.price * 100);
  subtotalCents += unitCents * l.qty;
  itemCount += l.qty;
  items[k] = { productId: parseInt(l.sku, 10), quantity: l.qty, unitPriceCents: unitCents };
}
const taxCents = Math.round((subtotalCents * 19) / 119);
const a = o.billingAddress;
msg.payload = {
  externalId: o.id,
  orderDate,
  store: o.storeId,
  contactName: o.customer.company ? o.customer.name + ' (' + o.customer.company + ')' : o.customer.name,
  contactEmail: o.customer.email.trim().toLowerCase(),
  companyName: o.customer.company || null,
  addressLine: a.street + ' ' + a.number,
  zip: a.postalCode,
  town: a.city,
  countryCode: a.country,
  paymentType: o.paymentMethod,
  items,
  itemCount,
  netCents: subtotalCents - taxCents,
  taxCents,
  totalCents: subtotalCents,
  currencyCode: o.currency,
};
return msg;`;
const COUNTRY = `const CC = { Germany: 'DE', Austria: 'AT', Switzerland: 'CH' };
if (Object.hasOwn(CC, msg.payload.countryCode)) msg.payload.countryCode = CC[msg.payload.countryCode];
return msg;`;
const CONTACT = `const rec = msg.payload;
const hit = global.get('contacts').get(rec.contactEmail);
if (hit) {
  rec.crmContactId = hit.crmId;
  rec.segment = hit.segment;
  rec.owner = hit.owner;
  rec.isNewContact = false;
} else {
  rec.crmContactId = null;
  rec.segment = 'new';
  rec.owner = 'unassigned';
  rec.isNewContact = true;
}
return msg;`;

function nodeRedFlow(input: string, output: string): unknown[] {
  const fn = (id: string, code: string, next: string[]) => ({ id, type: 'function', func: code, outputs: 1, wires: [next] });
  const nodes = [
    { id: 'start', type: 'inject', once: true, onceDelay: 0.1, repeat: '', payload: '', payloadType: 'date', wires: [['clock']] },
    fn('clock', "global.set('started', Date.now());\nreturn msg;", ['read']),
    { id: 'read', type: 'file in', filename: input, filenameType: 'str', format: 'lines', chunk: false, sendError: false, encoding: 'utf8', allProps: false, wires: [['parse']] },
    { id: 'parse', type: 'json', property: 'payload', action: 'obj', pretty: false, wires: [['deal']] },
    fn('deal', MAPPING, ['country']),
    fn('country', COUNTRY, ['contact']),
    fn('contact', CONTACT, ['serialise']),
    { id: 'serialise', type: 'json', property: 'payload', action: 'str', pretty: false, wires: [['write', 'count']] },
    { id: 'write', type: 'file', filename: output, filenameType: 'str', appendNewline: true, createDir: false, overwriteFile: 'false', encoding: 'utf8', wires: [[]] },
    fn('count', `const n = (context.get('n') || 0) + 1;\ncontext.set('n', n);\nif (n === ${records}) node.warn('W1-MAPPING-DONE ' + (Date.now() - global.get('started')));\nreturn null;`, []),
  ];
  // A node without a place on a tab is taken for a configuration node.
  return [{ id: 'w1', type: 'tab', label: 'W1-mapping' }, ...nodes.map((n, i) => ({ ...n, z: 'w1', x: 120 + 160 * i, y: 80 }))];
}

const SETTINGS = `
const contacts = new Map();
for (const line of require('node:fs').readFileSync(process.env.W1_CONTACTS, 'utf8').split('\\n')) if (line) { const c = JSON.parse(line); contacts.set(c.email, c); }
module.exports = { uiPort: 0, httpAdminRoot: false, httpNodeRoot: false, flowFile: 'flows.json', credentialSecret: false, functionGlobalContext: { contacts }, logging: { console: { level: 'warn' } } };
`;

/** One Node-RED run: its milliseconds from the read's start to the last record, and its peak memory. */
async function runNodeRed(dir: string, outFile: string): Promise<{ ms: number; peakRssMb: number }> {
  const user = mkdtempSync(join(tmpdir(), 'sincro-node-red-'));
  try {
    writeFileSync(join(user, 'flows.json'), JSON.stringify(nodeRedFlow(join(dir, 'w1m-orders.ndjson'), outFile)));
    writeFileSync(join(user, 'settings.js'), SETTINGS);
    writeFileSync(outFile, '');
    const child = spawn(process.execPath, [nodeRedBin, '-u', user, '-s', join(user, 'settings.js')], { env: { ...process.env, W1_CONTACTS: join(dir, 'w1m-contacts.ndjson') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const ms = await new Promise<number>((resolve, reject) => {
      const seen = (chunk: Buffer) => {
        log += chunk.toString();
        const done = /W1-MAPPING-DONE (\d+)/.exec(log);
        if (done) resolve(Number(done[1]));
      };
      child.stdout.on('data', seen);
      child.stderr.on('data', seen);
      child.once('exit', (code) => reject(new Error(`Node-RED ended (exit code ${code}) before its last record:\n${log.slice(-2000)}`)));
      setTimeout(() => {
        child.kill();
        reject(new Error(`Node-RED did not count its ${records}th record within ${NODE_RED_TIMEOUT_MS / 60_000} minutes:\n${log.slice(-2000)}`));
      }, NODE_RED_TIMEOUT_MS).unref();
    });
    const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
    // Its file node writes on after the last record is counted: wait for every line before it stops.
    for (let i = 0; i < 600 && readFileSync(outFile, 'utf8').split('\n').length <= records; i++) await new Promise((r) => setTimeout(r, 100));
    child.kill();
    return { ms, peakRssMb: Math.round(peakKb / 1024) };
  } finally {
    rmSync(user, { recursive: true, force: true });
  }
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1] as number;
const perSec = (ms: number) => Math.round((records * 1000) / ms);

const scratch = mkdtempSync(join(tmpdir(), 'sincro-bench-node-red-'));
try {
  const dir = join(scratch, 'data');
  mkdirSync(dir);
  await writeW1MappingData(dir, records);
  const outFile = join(scratch, 'out.ndjson');
  const rates: Record<'loop' | 'sincro' | 'nodeRed', number[]> = { loop: [], sincro: [], nodeRed: [] };
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    await runW1MappingBaseline(dir, outFile);
    rates.loop.push(perSec(performance.now() - t));
    t = performance.now();
    await runW1MappingEngine(dir, join(scratch, `sincro-data-${r}`), outFile, { history: true });
    rates.sincro.push(perSec(performance.now() - t));
    await checkW1MappingOutput(dir, outFile, records);
    const nodeRed = await runNodeRed(dir, outFile);
    await checkW1MappingOutput(dir, outFile, records);
    rates.nodeRed.push(perSec(nodeRed.ms));
    console.log(JSON.stringify({ round: r + 1, loopRecordsPerSec: rates.loop[r], sincroRecordsPerSec: rates.sincro[r], nodeRedRecordsPerSec: rates.nodeRed[r], nodeRedPeakRssMb: nodeRed.peakRssMb }));
  }
  const [loop, sincro, nodeRed] = [median(rates.loop), median(rates.sincro), median(rates.nodeRed)];
  console.log(
    JSON.stringify({
      workload: 'W1-mapping',
      records,
      rounds,
      outputChecked: true,
      medians: { loopRecordsPerSec: loop, sincroWithHistoryRecordsPerSec: sincro, nodeRedRecordsPerSec: nodeRed },
      ratioToLoop: { sincroWithHistory: +(sincro / loop).toFixed(3), nodeRed: +(nodeRed / loop).toFixed(3) },
      sincroOverNodeRed: +(sincro / nodeRed).toFixed(2),
    }),
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
