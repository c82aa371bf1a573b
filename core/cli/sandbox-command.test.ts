import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sincroIn } from '../testing/cli-call';
import { tempDir } from '../testing/golden';

const dir = tempDir('sincro-sandbox-cli-');
afterAll(() => dir.remove());

const sincro = (...args: string[]) => sincroIn(join(dir.path, 'data'), ...args);

describe('sincro sandbox', () => {
  it('starts both sandboxes, prints where and how to connect, and stops on Ctrl-C', async () => {
    const child = spawn(process.execPath, [resolve('bin/sincro.js'), 'sandbox', '--json', '--faults', 'latency=1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<string>((ok) => child.stdout.once('data', (c: Buffer) => ok(c.toString())));
    const info = JSON.parse(line) as { mplus: { url: string; ident: string }; teamleader: { url: string; accessToken: string } };
    expect((await fetch(`${info.mplus.url}/`)).status).toBe(405);
    expect((await fetch(`${info.mplus.url}/?wsdl`)).headers.get('content-type')).toMatch(/xml/);
    const me = await fetch(`${info.teamleader.url}/users.me`, { method: 'POST', headers: { authorization: `Bearer ${info.teamleader.accessToken}`, 'content-type': 'application/json' }, body: '{}' });
    expect(me.status).toBe(200);
    child.kill('SIGINT');
    expect(await new Promise((ok) => child.on('exit', ok))).toBe(0);
  });

  it('names what is wrong with a seed file or a fault spec (exit 2)', async () => {
    const seed = join(dir.path, 'seed.json');
    writeFileSync(seed, JSON.stringify({ mplus: { relations: 'nope' }, shopify: {} }));
    let r = await sincro('sandbox', '--seed', seed);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown part(s) "shopify"');
    r = await sincro('sandbox', '--teamleader-requests-per-minute', '0');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--teamleader-requests-per-minute: "0" is not a whole number from 1 to 100000');
    r = await sincro('sandbox', '--faults', 'error5xx=2');
    expect(r.code).toBe(2);
    expect(r.err).toBe('--faults: fault error5xx=2: expected a share between 0 and 1\n');
  });
});
