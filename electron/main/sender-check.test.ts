import { describe, expect, it } from 'vitest';
import { BUILT_ORIGIN } from './app-origin';
import { isTrustedSender, type SenderInfo } from './sender-check';

const trusted = { webContentsId: 7, origin: BUILT_ORIGIN };
const good: SenderInfo = { webContentsId: 7, frameUrl: 'app://sincro/index.html', isMainFrame: true };

describe('the IPC sender check', () => {
  it('accepts the main window’s top frame showing an app page', () => {
    expect(isTrustedSender(good, trusted)).toBe(true);
    expect(isTrustedSender({ ...good, frameUrl: 'app://sincro/index.html#/runs/1' }, trusted)).toBe(true);
  });

  it('refuses another web contents, a subframe, a foreign page, a gone frame, or when there is no window', () => {
    expect(isTrustedSender({ ...good, webContentsId: 8 }, trusted)).toBe(false);
    expect(isTrustedSender({ ...good, isMainFrame: false }, trusted)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: 'https://evil.example.com/' }, trusted)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: 'file:///tmp/evil.html' }, trusted)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: null }, trusted)).toBe(false);
    expect(isTrustedSender(good, { ...trusted, webContentsId: undefined })).toBe(false);
  });

  it('in development accepts the dev server and nothing else', () => {
    const dev = { webContentsId: 7, origin: { protocol: 'http:', host: 'localhost:5173' } };
    expect(isTrustedSender({ ...good, frameUrl: 'http://localhost:5173/' }, dev)).toBe(true);
    expect(isTrustedSender(good, dev)).toBe(false);
  });
});
