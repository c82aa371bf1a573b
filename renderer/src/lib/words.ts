/**
 * Plain words for what the engine reports: run statuses, counts, times, record outcomes. Every
 * screen takes its wording from here, so the same thing is always said the same way.
 */
import type { NodeKind } from '../../../core/api/flow-document';
import type { NodeCounts, RunStatus } from '../../../core/api/run-model';

export type Tone = 'ok' | 'warn' | 'fail' | 'info' | 'neutral';

export const RUN_STATUS: Record<RunStatus, { label: string; tone: Tone; sentence: string }> = {
  running: { label: 'Running', tone: 'info', sentence: 'is running' },
  succeeded: { label: 'Succeeded', tone: 'ok', sentence: 'finished without problems' },
  partial: { label: 'Some records failed', tone: 'warn', sentence: 'finished, but some records failed' },
  failed: { label: 'Failed', tone: 'fail', sentence: 'failed' },
  cancelled: { label: 'Cancelled', tone: 'neutral', sentence: 'was cancelled' },
};

/**
 * A run's status in words. With its counts, a run in which every record failed says so ("All 20,000
 * records failed") instead of "Some records failed".
 */
export function runStatusWords(status: string | null | undefined, counts?: { ok: number; skipped: number; failed: number } | null): { label: string; tone: Tone; sentence: string } {
  if (status === 'partial' && counts && counts.failed > 0 && counts.ok === 0 && counts.skipped === 0) {
    const all = counts.failed === 1 ? 'The only record failed' : `All ${counts.failed.toLocaleString()} records failed`;
    return { label: all, tone: 'fail', sentence: `finished, but ${all.charAt(0).toLowerCase()}${all.slice(1)}` };
  }
  if (status && status in RUN_STATUS) return RUN_STATUS[status as RunStatus];
  return { label: 'Never run', tone: 'neutral', sentence: 'has not run yet' };
}

/**
 * A record's outcome as a badge: in a dry run nothing is done, so a record that went through says
 * what would happen to it ("Would create", "Would update"), never "Done".
 */
export function recordStatusWords(status: 'ok' | 'skipped' | 'failed', dryRun: boolean, action?: string | null): { label: string; tone: Tone } {
  if (status !== 'ok') return dryRun ? { label: status === 'failed' ? 'Would fail' : 'Would skip', tone: RECORD_STATUS[status].tone } : RECORD_STATUS[status];
  if (action === 'create' || action === 'update') return { label: actionWords(action, dryRun) ?? 'Done', tone: 'ok' };
  if (action === 'unchanged') return { label: 'Up to date', tone: 'ok' };
  return { label: dryRun ? 'Would go through' : 'Done', tone: 'ok' };
}

/** A finished run's counts in one line; a dry run's in "would" words. */
export { runCountsLine } from '../../../core/api/run-words';

/** Who started a run, in words (runs.start writes these; core/host/test-records.ts). */
export function triggerWords(trigger: string): string {
  if (trigger.startsWith('test on the records of run')) return 'test on the last run’s records';
  return trigger;
}

export const RECORD_STATUS: Record<'ok' | 'skipped' | 'failed', { label: string; tone: Tone }> = {
  ok: { label: 'Done', tone: 'ok' },
  skipped: { label: 'Skipped', tone: 'neutral' },
  failed: { label: 'Failed', tone: 'fail' },
};

export const KIND_WORDS: Record<NodeKind, { one: string; many: string }> = {
  source: { one: 'Source', many: 'Sources' },
  transform: { one: 'Transform', many: 'Transforms' },
  lookup: { one: 'Lookup', many: 'Lookups' },
  target: { one: 'Target', many: 'Targets' },
};

const APP_NAMES: Record<string, string> = {
  mplus: 'MplusKASSA',
  teamleader: 'Teamleader',
  file: 'File',
  http: 'HTTP',
  core: 'Sincro',
};

export function appName(app: string): string {
  return APP_NAMES[app] ?? app.charAt(0).toUpperCase() + app.slice(1);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** What a target did to a record, as a past-tense verb (or "would …" in a dry run). */
export function actionWords(action: string | null | undefined, dryRun = false): string | null {
  const words: Record<string, [string, string]> = {
    create: ['Created', 'Would create'],
    update: ['Updated', 'Would update'],
    unchanged: ['Already up to date', 'Already up to date'],
  };
  const w = action ? words[action] : undefined;
  if (!w) return action ?? null;
  return dryRun ? w[1] : w[0];
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s % 60)} s`;
}

export function formatWhen(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const diff = now - t;
  const abs = Math.abs(diff);
  const future = diff < 0;
  const say = (n: number, unit: string) => (future ? `in ${plural(n, unit)}` : `${plural(n, unit)} ago`);
  if (abs < 45_000) return future ? 'in a moment' : 'just now';
  if (abs < 3_600_000) return say(Math.round(abs / 60_000), 'minute');
  if (abs < 86_400_000) return say(Math.round(abs / 3_600_000), 'hour');
  if (abs < 7 * 86_400_000) return say(Math.round(abs / 86_400_000), 'day');
  return new Date(t).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Date(t).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** What a source read: what it passed on, and what it skipped (an echo) or failed (a bad row) itself, as the run's plan counts it. */
export const sourceRead = (c: NodeCounts) => Object.values(c.out).reduce((n, v) => n + v, 0) + c.skipped + c.failed;

/** Short counts for a node card: "120 in · 118 out · 2 failed", worded per kind. */
export function nodeCountsLine(kind: NodeKind, c: NodeCounts, portLabels: Record<string, string>, dryRun: boolean): string[] {
  const parts: string[] = [];
  const outPorts = Object.entries(c.out);
  if (kind === 'source') {
    parts.push(`${sourceRead(c).toLocaleString()} read`);
  } else {
    parts.push(`${c.in.toLocaleString()} in`);
    if (kind === 'target') {
      if (c.created) parts.push(`${c.created.toLocaleString()} ${dryRun ? 'to create' : 'created'}`);
      if (c.updated) parts.push(`${c.updated.toLocaleString()} ${dryRun ? 'to update' : 'updated'}`);
      if (c.unchanged) parts.push(`${c.unchanged.toLocaleString()} unchanged`);
      const sent = outPorts.reduce((n, [, v]) => n + v, 0) - c.created - c.updated - c.unchanged;
      if (sent > 0) parts.push(`${sent.toLocaleString()} ${dryRun ? 'to send' : 'sent'}`);
    } else if (outPorts.length > 1) {
      for (const [port, n] of outPorts) parts.push(`${n.toLocaleString()} ${portLabels[port] ?? port}`);
    } else if (outPorts.length === 1) {
      // A step without outputs (skip, fail) has nothing to say here; its counts follow.
      parts.push(`${(outPorts[0]?.[1] ?? 0).toLocaleString()} out`);
    }
  }
  if (c.skipped) parts.push(`${c.skipped.toLocaleString()} skipped`);
  if (c.failed) parts.push(`${c.failed.toLocaleString()} failed`);
  return parts;
}

/**
 * The one or two counts a zoomed-out card has room for: what a source read, what a target wrote
 * (or would write), and what was skipped or failed. The edges carry the rest.
 */
export function shortCounts(kind: NodeKind, c: NodeCounts, dryRun: boolean): string[] {
  const parts: string[] = [];
  if (kind === 'source') parts.push(`${sourceRead(c).toLocaleString()} read`);
  if (kind === 'target' && c.created + c.updated > 0) parts.push(`${(c.created + c.updated).toLocaleString()} ${dryRun ? 'to write' : 'written'}`);
  if (c.failed) parts.push(`${c.failed.toLocaleString()} failed`);
  else if (c.skipped) parts.push(`${c.skipped.toLocaleString()} skipped`);
  return parts.slice(0, 2);
}

/** "22:23" today, "27 Nov, 22:23" another day: when something happened, to the minute. */
export function formatClock(iso: string | null | undefined, now = new Date()): string {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  const time = t.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return t.toDateString() === now.toDateString() ? time : `${t.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, ${time}`;
}
