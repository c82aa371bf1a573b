/**
 * What a stored MplusKASSA connection holds: the settings of the two kinds ("mplus": a real
 * MplusKASSA API, "mplus-sandbox": a sandbox Sincro runs itself) and the credentials both use.
 * The messages are shown next to the fields of the connection form.
 */
import { z } from 'zod';

const port = z
  .number({ error: 'enter the port as a number, e.g. 44281' })
  .int('the port is a whole number')
  .min(1, 'the port is a number from 1 to 65535')
  .max(65535, 'the port is a number from 1 to 65535');

export const mplusConnectionConfig = z.object({
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
  ident: z.string({ error: 'enter the ident from the MplusKASSA API settings' }).trim().min(1, 'enter the ident from the MplusKASSA API settings'),
  secret: z.string({ error: 'enter the secret from the MplusKASSA API settings' }).min(1, 'enter the secret from the MplusKASSA API settings'),
});

export type MplusConnectionConfig = z.output<typeof mplusConnectionConfig>;
export type MplusSandboxConnectionConfig = z.output<typeof mplusSandboxConnectionConfig>;
export type MplusConnectionSecrets = z.output<typeof mplusConnectionSecrets>;

export function mplusBaseUrl(config: MplusConnectionConfig): string {
  return `${config.https ? 'https' : 'http'}://${config.host}:${config.port}`;
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
