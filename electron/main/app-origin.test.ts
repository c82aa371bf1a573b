import { describe, expect, it } from 'vitest';
import { BUILT_ENTRY_URL, BUILT_ORIGIN, isAppUrl, rendererLocation } from './app-origin';

describe('where the app pages come from', () => {
  it('is app://sincro/ when built, and in a packaged app whatever the environment says', () => {
    expect(rendererLocation({ isPackaged: false })).toEqual({ kind: 'built', origin: BUILT_ORIGIN, entryUrl: 'app://sincro/index.html' });
    expect(rendererLocation({ isPackaged: true, devServerUrl: 'http://localhost:5173' }).kind).toBe('built');
  });

  it('is the dev server in development, only on this machine and over http', () => {
    expect(rendererLocation({ isPackaged: false, devServerUrl: 'http://localhost:5173' })).toEqual({
      kind: 'dev-server',
      origin: { protocol: 'http:', host: 'localhost:5173' },
      entryUrl: 'http://localhost:5173/',
    });
    expect(rendererLocation({ isPackaged: false, devServerUrl: 'http://127.0.0.1:5174/' }).origin.host).toBe('127.0.0.1:5174');
    for (const url of ['https://evil.example.com', 'http://192.168.1.4:5173', 'file:///etc/passwd', 'not a url']) {
      expect(rendererLocation({ isPackaged: false, devServerUrl: url }).kind).toBe('built');
    }
  });

  it('recognises the app’s own URLs and nothing else', () => {
    expect(isAppUrl(BUILT_ENTRY_URL, BUILT_ORIGIN)).toBe(true);
    expect(isAppUrl('app://sincro/assets/index.js#/flows', BUILT_ORIGIN)).toBe(true);
    for (const url of ['app://other/index.html', 'app://evil@sincro/index.html', 'file:///work/out/renderer/index.html', 'https://sincro/', 'http://localhost:5173/', '', null, undefined, 'garbage']) {
      expect(isAppUrl(url, BUILT_ORIGIN)).toBe(false);
    }
    const dev = rendererLocation({ isPackaged: false, devServerUrl: 'http://localhost:5173' }).origin;
    expect(isAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false);
  });
});
