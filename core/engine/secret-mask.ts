/**
 * The secrets a run knows, masked wherever it writes text: lineage, target answers, messages, logs,
 * the run's error. A target that echoes what it was sent (an API answering with the headers it
 * got) must not put a connection's password or token into the history.
 *
 * A connection's secrets are added when a node first asks for the connection (and again when it
 * stores renewed ones, like a rotated OAuth token), in the forms they travel in: as they are (so a
 * "Bearer <token>" header shows as "Bearer •••"), JSON-escaped, URL-encoded, and as the base64 of
 * "<name>:<secret>" that HTTP basic auth sends, for each other value of the connection that can be
 * the user name.
 */
import type { StoredConnection } from './services';

export const MASK = '•••';
/** Shorter values would mask ordinary words and numbers all over the history. */
export const MIN_SECRET_CHARS = 4;
const MAX_NAME_CHARS = 256;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const base64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

export class SecretMask {
  private readonly forms = new Set<string>();
  private pattern: RegExp | undefined;

  /** Adds the secret fields of a connection (or just the given ones, e.g. renewed tokens). */
  addConnection(connection: Pick<StoredConnection, 'config' | 'secrets'>, secrets: Record<string, string> = connection.secrets): void {
    const values = Object.values(secrets).filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_CHARS);
    if (!values.length) return;
    const names = new Set<string>(['']);
    for (const v of [...Object.values(connection.config), ...Object.values(connection.secrets)]) {
      if (typeof v === 'string' && v.length <= MAX_NAME_CHARS) names.add(v);
    }
    const before = this.forms.size;
    for (const secret of values) {
      this.forms.add(secret);
      this.forms.add(JSON.stringify(secret).slice(1, -1));
      this.forms.add(encodeURIComponent(secret));
      for (const name of names) if (name !== secret) this.forms.add(base64(`${name}:${secret}`));
    }
    if (this.forms.size !== before) this.compile();
  }

  /** The text with every known secret replaced by •••; the same string when none occurs. */
  mask = (text: string): string => {
    if (!this.pattern || !text) return text;
    this.pattern.lastIndex = 0;
    return this.pattern.test(text) ? text.replace(this.pattern, MASK) : text;
  };

  private compile(): void {
    // Longest first, so a secret that contains another is masked whole.
    const sorted = [...this.forms].filter((f) => f.length >= MIN_SECRET_CHARS).sort((a, b) => b.length - a.length);
    this.pattern = new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
  }
}
