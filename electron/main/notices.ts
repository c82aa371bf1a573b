/**
 * Which events become OS notifications: notices (a scheduled run failed, the keychain is missing,
 * …). While the window has focus the screen shows them itself, so the OS is not asked to repeat
 * them then.
 */
import type { AppEvent } from '../../core/api/contract';
import type { RunEvent } from '../../core/api/run-model';

export interface OsNotification {
  title: string;
  body: string;
  urgency: 'normal' | 'critical';
}

export function osNotificationFor(event: RunEvent | AppEvent, opts: { windowFocused: boolean }): OsNotification | undefined {
  if (event.type !== 'notice' || opts.windowFocused) return undefined;
  return { title: event.title, body: event.message, urgency: event.level === 'error' ? 'critical' : 'normal' };
}
