import { describe, expect, it } from 'vitest';
import { BUILT_ORIGIN } from './app-origin';
import { allowPermission, isExternalWebUrl, mayNavigate, windowOpenAction } from './navigation-policy';

describe('navigation and links', () => {
  it('keeps the window on the app’s own pages', () => {
    expect(mayNavigate('app://sincro/index.html#/runs', BUILT_ORIGIN)).toBe(true);
    for (const url of ['https://focus.teamleader.eu/', 'file:///etc/passwd', 'app://elsewhere/', 'javascript:alert(1)', 'data:text/html,hi']) {
      expect(mayNavigate(url, BUILT_ORIGIN)).toBe(false);
    }
  });

  it('sends http(s) links to the browser and drops every other kind', () => {
    expect(windowOpenAction('https://focus.teamleader.eu/oauth2/authorize?x=1')).toBe('open-in-browser');
    expect(windowOpenAction('http://127.0.0.1:49152/callback')).toBe('open-in-browser');
    for (const url of ['file:///C:/Windows/System32/calc.exe', 'smb://host/share', 'javascript:alert(1)', 'app://sincro/', 'https://user:pw@example.com/', 'nonsense']) {
      expect(windowOpenAction(url)).toBe('ignore');
      expect(isExternalWebUrl(url)).toBe(false);
    }
  });

  it('denies permissions, except writing the clipboard from the app itself', () => {
    expect(allowPermission('clipboard-sanitized-write', 'app://sincro/index.html', BUILT_ORIGIN)).toBe(true);
    expect(allowPermission('clipboard-sanitized-write', 'app://sincro', BUILT_ORIGIN)).toBe(true);
    expect(allowPermission('clipboard-sanitized-write', 'https://evil.example.com/', BUILT_ORIGIN)).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid', 'unknown']) {
      expect(allowPermission(p, 'app://sincro/index.html', BUILT_ORIGIN)).toBe(false);
    }
  });
});
