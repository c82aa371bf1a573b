import { describe, expect, it } from 'vitest';
import { osNotificationFor } from './notices';

describe('OS notifications', () => {
  const notice = { type: 'notice', level: 'error', title: 'Orders sync failed', message: 'Teamleader refused the token.', flowId: 'f' } as const;

  it('shows notices while the window is not in front, errors as critical', () => {
    expect(osNotificationFor(notice, { windowFocused: false })).toEqual({ title: 'Orders sync failed', body: 'Teamleader refused the token.', urgency: 'critical' });
    expect(osNotificationFor({ ...notice, level: 'warn' }, { windowFocused: false })?.urgency).toBe('normal');
  });

  it('leaves them to the screen when the window has focus, and never shows run progress', () => {
    expect(osNotificationFor(notice, { windowFocused: true })).toBeUndefined();
    expect(osNotificationFor({ type: 'flows.changed' }, { windowFocused: false })).toBeUndefined();
    expect(osNotificationFor({ type: 'log', runId: 'r', node: 'n', level: 'error', message: 'x' }, { windowFocused: false })).toBeUndefined();
  });

  it('tells a flow that keeps failing once: a failure counted into its open notice is not told again', () => {
    expect(osNotificationFor({ ...notice, type: 'notice.counted', noticeId: 1, count: 3 }, { windowFocused: false })).toBeUndefined();
  });
});
