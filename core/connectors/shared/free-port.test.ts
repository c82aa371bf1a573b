import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port';

const servers: Server[] = [];
afterAll(async () => Promise.all(servers.map((s) => new Promise((done) => s.close(done)))));

describe('freePort', () => {
  it('never hands the same port out twice, though none of them is listened on yet (two sandbox connections made at once)', async () => {
    const ports = await Promise.all(Array.from({ length: 400 }, () => freePort()));
    expect(new Set(ports).size).toBe(ports.length);
    for (const p of ports) expect(p).toBeGreaterThanOrEqual(20000);
  });

  it('gives a port that can be listened on', async () => {
    const port = await freePort();
    const server = createServer();
    servers.push(server);
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', done);
    });
    expect(server.address()).toMatchObject({ port });
  });
});
