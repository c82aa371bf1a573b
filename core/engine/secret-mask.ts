/**
 * The secrets a run knows, masked wherever it writes text: lineage, target answers, messages, logs,
 * the run's error. A target that echoes what it was sent (an API answering with the headers it
 * got) must not put a connection's password or token into the history.
 *
 * A connection's secrets are added when a node first asks for the connection (and again when it
 * stores renewed ones, like a rotated OAuth token), in the forms they travel in: as they are (so a
 * "Bearer <token>" header shows as "Bearer •••"), JSON-escaped the ways servers write it (PHP's
 * json_encode escapes "/" as "\/", Python's json.dumps and PHP write non-ASCII as \u00e9, Java
 * as \u00E9), URL-encoded (also as a form, and with lower-case hex), HTML-escaped, and as the
 * base64 of "<name>:<secret>" that HTTP basic auth sends, for each other value of the connection
 * that can be the user name.
 */
import type { StoredConnection } from './services';

export const MASK = '•••';
/** Shorter values would mask ordinary words and numbers all over the history. */
export const MIN_SECRET_CHARS = 4;
const MAX_NAME_CHARS = 256;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const base64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** The ways one secret can be written in an answer or a message. */
export function secretForms(secret: string): Set<string> {
  const json = JSON.stringify(secret).slice(1, -1);
  const asciiJson = json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const jsons = [json, asciiJson, asciiJson.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u${hex.toUpperCase()}`)];
  const url = encodeURIComponent(secret);
  const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  return new Set([
    secret,
    ...jsons,
    ...jsons.map((j) => j.replace(/\//g, '\\/')),
    url,
    url.replace(/%20/g, '+'),
    url.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    html,
  ]);
}

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
      for (const form of secretForms(secret)) this.forms.add(form);
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
