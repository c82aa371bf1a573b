/**
 * What a stored MplusKASSA connection holds: the settings of the two kinds ("mplus": a real
 * MplusKASSA API, "mplus-sandbox": a sandbox Sincro runs itself) and the credentials both use.
 * The messages are shown next to the fields of the connection form. A real API is one address
 * with its port (`apiAddress`); connections stored with host, port and https keep working.
 */
import { z } from 'zod';
import { ui } from '../../nodes/define-node';

const port = z
  .number({ error: 'enter the port as a number, e.g. 44281' })
  .int('the port is a whole number')
  .min(1, 'the port is a number from 1 to 65535')
  .max(65535, 'the port is a number from 1 to 65535');

const EXAMPLE = 'https://api.mpluskassa.nl:44281';
const ADDRESS = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/:\s?#]+)(?::(\d+))?(\/[^\s]*)?$/i;

/** The base URL of an "API address" as typed ("api.mpluskassa.nl:44281" is https), or what is wrong with it. */
export function parseMplusAddress(text: string): { url: string } | { problem: string } {
  const m = ADDRESS.exec(text.trim());
  if (!text.trim()) return { problem: `enter the API address MplusKASSA gave you, e.g. ${EXAMPLE}` };
  if (!m) return { problem: `write the address like ${EXAMPLE}` };
  const [, scheme = 'https', host = '', portText, path] = m;
  if (!/^https?$/i.test(scheme)) return { problem: `the address starts with https:// (or http://), e.g. ${EXAMPLE}` };
  if (path && path !== '/') return { problem: `enter only the address and its port, without a path, e.g. ${EXAMPLE}` };
  if (!portText) return { problem: `add your account’s port after the host name, e.g. ${EXAMPLE}` };
  const n = Number(portText);
  if (!(n >= 1 && n <= 65535)) return { problem: 'the port is a number from 1 to 65535' };
  return { url: `${scheme.toLowerCase()}://${host.toLowerCase()}:${n}` };
}

/** What the connection form asks: one address (with its port), as MplusKASSA gives it. */
export const mplusConnectionConfig = z.object({
  apiAddress: z
    .string({ error: `enter the API address MplusKASSA gave you, e.g. ${EXAMPLE}` })
    .superRefine((text, ctx) => {
      const parsed = parseMplusAddress(text);
      if ('problem' in parsed) ctx.addIssue({ code: 'custom', message: parsed.problem });
    })
    .meta(ui({ label: 'API address', placeholder: EXAMPLE, help: 'The address of your MplusKASSA API with its port, as MplusKASSA gave it to you (each account has its own port).' })),
});

/** How connections stored before the API address were kept: they keep working as they are. */
export const legacyMplusConnectionConfig = z.object({
  host: z
    .string({ error: 'enter the host name MplusKASSA gave you, e.g. api.mpluskassa.nl' })
    .trim()
    .min(1, 'enter the host name MplusKASSA gave you, e.g. api.mpluskassa.nl')
    .refine((h) => !/[/:\s]/.test(h), 'enter only the host name (e.g. api.mpluskassa.nl), without https://, a port or a path'),
  /** Each MplusKASSA account has its own port. */
  port,
  https: z.boolean({ error: 'https is on or off' }).default(true),
});

export const mplusSandboxConnectionConfig = z.object({
  port,
  stateFile: z.string({ error: 'the sandbox needs a file to keep its data in' }).trim().min(1, 'the sandbox needs a file to keep its data in'),
});

export const mplusConnectionSecrets = z.object({
  ident: z
    .string({ error: 'enter the ident from the MplusKASSA API settings' })
    .trim()
    .min(1, 'enter the ident from the MplusKASSA API settings')
    .meta(ui({ label: 'Ident', help: 'From the API settings MplusKASSA gave you.' })),
  secret: z
    .string({ error: 'enter the secret from the MplusKASSA API settings' })
    .min(1, 'enter the secret from the MplusKASSA API settings')
    .meta(ui({ label: 'Secret', help: 'From the same API settings; kept encrypted on this computer.' })),
});

export type MplusConnectionConfig = z.output<typeof mplusConnectionConfig>;
export type LegacyMplusConnectionConfig = z.output<typeof legacyMplusConnectionConfig>;
export type MplusSandboxConnectionConfig = z.output<typeof mplusSandboxConnectionConfig>;
export type MplusConnectionSecrets = z.output<typeof mplusConnectionSecrets>;

export function mplusBaseUrl(config: MplusConnectionConfig | LegacyMplusConnectionConfig): string {
  if ('host' in config) return `${config.https ? 'https' : 'http'}://${config.host}:${config.port}`;
  const parsed = parseMplusAddress(config.apiAddress);
  if ('problem' in parsed) throw new MplusConnectionSettingsError(`apiAddress: ${parsed.problem}`);
  return parsed.url;
}

/** A stored config in either shape (the API address, or the host, port and https of before). */
export function parseMplusConfig(config: unknown, what: string): MplusConnectionConfig | LegacyMplusConnectionConfig {
  const isLegacy = !!config && typeof config === 'object' && 'host' in config && !('apiAddress' in config);
  return isLegacy ? parseConnectionPart(legacyMplusConnectionConfig, config, what) : parseConnectionPart(mplusConnectionConfig, config, what);
}

/** A stored config as the form shows it: the API address (a legacy config's made from its parts). */
export function upgradeMplusConfig(config: Record<string, unknown>): Record<string, unknown> {
  const legacy = legacyMplusConnectionConfig.safeParse(config);
  return 'apiAddress' in config || !legacy.success ? config : { apiAddress: mplusBaseUrl(legacy.data) };
}

/** Parses a stored value; the error names the connection and the field, in the schema's words. */
export function parseConnectionPart<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new MplusConnectionSettingsError(`${what}: ${field}${issue?.message ?? 'invalid'}`);
}

export class MplusConnectionSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MplusConnectionSettingsError';
  }
}
