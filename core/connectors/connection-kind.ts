/**
 * A kind of stored connection (an HTTP API, MplusKASSA, Teamleader, a sandbox of either): which
 * settings and secrets it has, and how to test it, answering in words a user understands.
 */
import type { z } from 'zod';
import type { StoredConnection } from '../engine/services';

export interface ConnectionTestResult {
  ok: boolean;
  /** One sentence for the user: "Connected to MplusKASSA 67.1", "Wrong ident or secret", … */
  message: string;
}

export interface ConnectionKind {
  kind: string;
  app: string;
  title: string;
  config: z.ZodType<Record<string, unknown>>;
  /** Names of the secret fields and their rules; values are stored encrypted. */
  secrets: z.ZodType<Record<string, string>>;
  /**
   * `saveSecrets` stores renewed credentials (a rotated OAuth refresh token can be used only once,
   * so a test that renews access must keep the new pair).
   */
  test(connection: StoredConnection, signal?: AbortSignal, saveSecrets?: (secrets: Record<string, string>) => void): Promise<ConnectionTestResult>;
}

export class ConnectionKinds {
  private readonly kinds = new Map<string, ConnectionKind>();

  constructor(kinds: readonly ConnectionKind[] = []) {
    for (const k of kinds) this.kinds.set(k.kind, k);
  }

  register(kind: ConnectionKind): this {
    this.kinds.set(kind.kind, kind);
    return this;
  }

  get(kind: string): ConnectionKind | undefined {
    return this.kinds.get(kind);
  }

  list(): ConnectionKind[] {
    return [...this.kinds.values()];
  }
}
