/**
 * Test helper: a sandbox on 127.0.0.1 that records every SOAP exchange, clients pointed at it, and
 * the check that every recorded request and response validates against the WSDL's XML Schema.
 */
import { expect } from 'vitest';
import { MplusClient } from '../client';
import type { MplusClientOptions } from '../soap-caller';
import { startMplusSandbox, type MplusSandbox, type MplusSandboxOptions, type SandboxExchange } from '../sandbox/server';
import { validateEnvelopes } from './xsd-validator';

export interface Harness {
  sandbox: MplusSandbox;
  exchanges: SandboxExchange[];
  /** A client with fast retries (1–5 ms) so fault tests do not wait. */
  client(options?: Partial<MplusClientOptions>): MplusClient;
  close(): Promise<void>;
}

export async function startHarness(options: MplusSandboxOptions = {}): Promise<Harness> {
  const exchanges: SandboxExchange[] = [];
  const sandbox = await startMplusSandbox({ ...options, onExchange: (e) => exchanges.push(e) });
  return {
    sandbox,
    exchanges,
    client: (overrides = {}) =>
      new MplusClient({
        baseUrl: sandbox.url,
        ident: sandbox.ident,
        secret: sandbox.secret,
        timeoutMs: 5_000,
        ...overrides,
        retry: { retries: 4, baseMs: 1, maxMs: 5, ...overrides.retry },
      }),
    close: () => sandbox.close(),
  };
}

/** Validates all requests and responses in one xmllint run and reports every failure by operation. */
export async function expectSchemaValid(exchanges: readonly SandboxExchange[], options: { requests?: boolean } = {}): Promise<void> {
  const docs = exchanges.flatMap((e, i) => [
    ...(options.requests === false ? [] : [{ label: `#${i} ${e.operation} request`, xml: e.requestXml }]),
    { label: `#${i} ${e.operation} response (HTTP ${e.status})`, xml: e.responseXml },
  ]);
  expect(docs.length).toBeGreaterThan(0);
  const outcomes = await validateEnvelopes(docs);
  const failures = outcomes.filter((o) => !o.valid).map((o) => `${o.label}:\n    ${o.errors.join('\n    ')}`);
  expect(failures, failures.join('\n')).toEqual([]);
  expect(outcomes.length).toBe(docs.length);
}
