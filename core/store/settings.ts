/** App-wide settings, each with a default and a validator, stored as JSON. */
import { z } from 'zod';
import type { Db } from './database';
import { NOTICE_OUTCOMES } from './notices';
import { parseStoredJson } from './stored-json';

export const settingSchemas = {
  /** Run history older than this many days is deleted (GDPR: business data is not kept beyond the logs). */
  retentionDays: z.number().int().min(1).max(3650).default(30),
  /** When old history was last purged (ISO time); purging runs by itself at most once a day. */
  lastPurgeAt: z.string().nullable().default(null),
  /**
   * Which ends of a run raise a notice (the inbox and a desktop notification): failed, partial
   * (some records failed), recovered (succeeded after a failure), succeeded.
   */
  notifyOn: z
    .preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(z.enum(NOTICE_OUTCOMES)))
    .transform((list) => NOTICE_OUTCOMES.filter((o) => list.includes(o)))
    .default(['failed', 'partial', 'recovered']),
} as const;

export type SettingName = keyof typeof settingSchemas;
export type SettingValue<K extends SettingName> = z.output<(typeof settingSchemas)[K]>;

export class SettingsRepo {
  constructor(private readonly db: Db) {}

  get<K extends SettingName>(name: K): SettingValue<K> {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(name) as { value: string } | undefined;
    // A damaged value is not taken for the default: a retention of 30 days instead of a year would purge history.
    const parsed = settingSchemas[name].safeParse(row ? parseStoredJson(row.value, { table: 'settings', row: `key ${name}`, column: 'value' }, this.db.name) : undefined);
    return (parsed.success ? parsed.data : settingSchemas[name].parse(undefined)) as SettingValue<K>;
  }

  set<K extends SettingName>(name: K, value: unknown): SettingValue<K> {
    const parsed = settingSchemas[name].safeParse(value);
    if (!parsed.success) throw new Error(`setting ${name}: ${parsed.error.issues[0]?.message ?? 'invalid value'}`);
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(name, JSON.stringify(parsed.data));
    return parsed.data as SettingValue<K>;
  }
}
