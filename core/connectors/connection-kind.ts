/**
 * A kind of stored connection (an HTTP API, MplusKASSA, Teamleader, a sandbox of either): which
 * settings and secrets it has, and how to test it, answering in words a user understands.
 */
import type { z } from 'zod';
import type { ConnectionStore, StoredConnection } from '../engine/services';

export interface ConnectionTestResult {
  ok: boolean;
  /** One sentence for the user: "Connected to MplusKASSA 67.1", "Wrong ident or secret", … */
  message: string;
}

/** A browser sign-in under way (a Teamleader OAuth login). */
export interface SignInAttempt {
  /** The app's sign-in page for this attempt, to open in a browser. */
  url: string;
  /** Where the app sends the browser back: the address to register with the app. */
  redirectUri: string;
  /** The answer in words once the browser came back (tokens saved and the connection tested), or why not. */
  done: Promise<ConnectionTestResult>;
  /** Stops waiting; `done` then answers that the sign-in was cancelled. */
  cancel(): void;
}

/** Kinds whose access comes from signing in to the app in a browser, in every host. */
export interface ConnectionSignIn {
  /** Secret fields the sign-in fills in (tokens): never typed into a form. */
  tokenSecrets: readonly string[];
  /** The redirect address for a connection's settings: shown before signing in, to register with the app. */
  redirectUri(config: Record<string, unknown>): string | undefined;
  /** Which setting holds the redirect's port (the form shows the address as it is typed). */
  portSetting: string;
  redirectPath: string;
  begin(connections: ConnectionStore, connectionId: string, opts?: { timeoutMs?: number }): Promise<SignInAttempt>;
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
  signIn?: ConnectionSignIn;
  /**
   * A stored config in the shape the kind's form shows, for configs stored in an older shape
   * (MplusKASSA's host, port and https became one API address); they keep working as stored.
   */
  upgradeConfig?(config: Record<string, unknown>): Record<string, unknown>;
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
