/**
 * How long a run still takes, roughly (issue 11 §4): from its pace so far — records finished per
 * second — and how many it has to finish: what its sources read up to now, or what the last run
 * read when that was more (the sources may still be reading). Said only once a run has gone on for
 * a few seconds and has a while to go.
 */
import { useEffect, useState } from 'react';
import { formatDuration } from '../lib/words';
import type { LiveRun } from '../state/useRunStore';

const AFTER_MS = 5000;

export function runEstimate(elapsedMs: number, read: number, done: number, lastRead: number | undefined): string | null {
  if (elapsedMs < AFTER_MS || done <= 0) return null;
  const total = Math.max(read, lastRead ?? 0);
  const left = ((total - done) / done) * elapsedMs;
  if (!Number.isFinite(left) || left < AFTER_MS) return null;
  return `about ${formatDuration(Math.round(left / 5000) * 5000)} left`;
}

export function useRunEstimate(run: LiveRun | undefined, read: number, done: number, lastRead: number | undefined): string | null {
  const running = run?.status === 'running';
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [running]);
  if (!run || !running) return null;
  return runEstimate(now - Date.parse(run.startedAt), read, done, lastRead);
}
