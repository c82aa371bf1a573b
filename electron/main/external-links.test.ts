import { describe, expect, it } from 'vitest';
import { askToOpenOptions, decideExternalLink, externalLinkOpener, LinkNotOpened } from './external-links';

describe('external links', () => {
  it('opens the vendors’ and Sincro’s own sites at once, over https', () => {
    for (const url of [
      'https://focus.teamleader.eu/oauth2/authorize?client_id=x',
      'https://teamleader.eu/',
      'https://www.teamleader.eu/nl/prijzen',
      'https://marketplace.focus.teamleader.eu/be/nl/ontdek',
      'https://developer.focus.teamleader.eu/docs/api/',
      'https://mpluskassa.nl/',
      'https://www.mpluskassa.nl/support',
      'https://api.mpluskassa.nl:8443/x',
      'https://sincro.app/docs/templates',
      'https://docs.sincro.app/',
      'HTTPS://FOCUS.TEAMLEADER.EU/',
    ]) {
      expect(decideExternalLink(url), url).toEqual({ action: 'open', url: new URL(url).href });
    }
  });

  it('asks about any other web address, and about a trusted host over plain http', () => {
    for (const url of [
      'https://evil.example.com/',
      'https://focus.teamleader.eu.evil.example.com/',
      'https://evilteamleader.eu/',
      'https://notmpluskassa.nl/',
      'https://shop.teamleader.eu/',
      'https://focus.teamleader.eu./',
      'http://focus.teamleader.eu/',
      'http://127.0.0.1:24567/oauth2/authorize',
      'https://xn--mpluskass-v2a.nl/',
    ]) {
      expect(decideExternalLink(url), url).toEqual({ action: 'ask', url: new URL(url).href });
    }
    // A look-alike host is shown as what it is (punycode), not as what it looks like.
    expect(decideExternalLink('https://mpluskassа.nl/')).toEqual({ action: 'ask', url: 'https://xn--mpluskass-8yh.nl/' });
  });

  it('never opens another kind of address, nor one with a user name in it', () => {
    for (const url of ['file:///etc/passwd', 'file:///C:/Windows/System32/calc.exe', 'smb://host/share', 'javascript:alert(1)', 'ms-settings:', 'vscode://x', 'app://sincro/', 'data:text/html,hi', 'nonsense', '']) {
      expect(decideExternalLink(url), url).toMatchObject({ action: 'refuse', reason: expect.stringContaining('only web addresses') });
    }
    expect(decideExternalLink('https://focus.teamleader.eu@evil.example.com/')).toEqual({ action: 'refuse', reason: 'Sincro does not open web addresses with a user name or password in them ("https://focus.teamleader.eu@evil.example.com/").' });
  });

  it('asks with the full address, Cancel being the default', () => {
    const long = `https://evil.example.com/${'a'.repeat(300)}?q=1#frag`;
    expect(askToOpenOptions(long)).toEqual({ type: 'question', message: 'Open in your browser?', detail: long, buttons: ['Open', 'Cancel'], defaultId: 1, cancelId: 1, noLink: true });
  });

  it('opens trusted sites without asking, others only after Open, and refuses the rest', async () => {
    const opened: string[] = [];
    const asked: string[] = [];
    let answer = false;
    const open = externalLinkOpener({
      openExternal: async (url) => void opened.push(url),
      confirm: async (url) => {
        asked.push(url);
        return answer;
      },
    });
    await open('https://focus.teamleader.eu/oauth2/authorize');
    await expect(open('https://evil.example.com/x')).rejects.toEqual(new LinkNotOpened('You chose not to open https://evil.example.com/x.', true));
    answer = true;
    await open('https://evil.example.com/x');
    await expect(open('file:///etc/passwd')).rejects.toMatchObject({ cancelled: false, message: 'Sincro opens only web addresses (http or https) in the browser, not "file:///etc/passwd".' });
    expect(asked).toEqual(['https://evil.example.com/x', 'https://evil.example.com/x']);
    expect(opened).toEqual(['https://focus.teamleader.eu/oauth2/authorize', 'https://evil.example.com/x']);
  });
});
