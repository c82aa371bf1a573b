/** A run's or record's status: always colour and words together (never colour alone). */
import { AlertTriangle, CheckCircle2, CircleDashed, Loader2, MinusCircle, XCircle } from 'lucide-react';
import { recordStatusWords, runStatusWords, type Tone } from '../lib/words';

const ICONS: Record<Tone, typeof CheckCircle2> = {
  ok: CheckCircle2,
  warn: AlertTriangle,
  fail: XCircle,
  info: Loader2,
  neutral: MinusCircle,
};

export function ToneBadge({ tone, label, spinning }: { tone: Tone; label: string; spinning?: boolean }) {
  const Icon = ICONS[tone];
  return (
    <span className={`badge ${tone === 'neutral' ? '' : tone}`}>
      <Icon size={12} className={spinning ? 'spin' : undefined} aria-hidden />
      {label}
    </span>
  );
}

export function RunStatusBadge({ status, dryRun, counts }: { status: string | null | undefined; dryRun?: boolean; counts?: { ok: number; skipped: number; failed: number } | null }) {
  if (!status) {
    return (
      <span className="badge">
        <CircleDashed size={12} aria-hidden />
        Never run
      </span>
    );
  }
  const w = runStatusWords(status, counts);
  return <ToneBadge tone={w.tone} label={`${dryRun ? 'Dry run · ' : ''}${w.label}`} spinning={status === 'running'} />;
}

export function RecordStatusBadge({ status, dryRun = false, action }: { status: 'ok' | 'skipped' | 'failed'; dryRun?: boolean; action?: string | null }) {
  const w = recordStatusWords(status, dryRun, action);
  return <ToneBadge tone={w.tone} label={w.label} />;
}
