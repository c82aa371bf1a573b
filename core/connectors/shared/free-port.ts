/** Finding a port for a new sandbox connection on 127.0.0.1. */
import { createServer } from 'node:net';

/**
 * Ports handed out by this process. A sandbox listens on its connection's port only when first
 * used, so two connections made one after the other (the demo makes both at once) could otherwise
 * be given the same free port; and a port whose sandbox just closed may still have a client's
 * pooled socket to the old server ("other side closed" when a new sandbox takes it).
 */
const handedOut = new Set<number>();
const FIRST = 20000;
const RANGE = 10000;

/** A port outside the ranges operating systems hand out for outgoing connections, free right now, and not handed out before by this process. */
export async function freePort(): Promise<number> {
  if (handedOut.size > RANGE / 2) handedOut.clear();
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = FIRST + Math.floor(Math.random() * RANGE);
    if (handedOut.has(candidate)) continue;
    // Taken before the check, so a call going on at the same time does not pick it too.
    handedOut.add(candidate);
    if (await canListen(candidate)) return candidate;
    handedOut.delete(candidate);
  }
  const port = await listenOnce(0);
  handedOut.add(port);
  return port;
}

function canListen(port: number): Promise<boolean> {
  return listenOnce(port).then(
    () => true,
    () => false,
  );
}

function listenOnce(port: number): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : port;
      server.close(() => done(chosen));
    });
  });
}
