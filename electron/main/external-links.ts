/**
 * Which web addresses the desktop app hands to the user's browser. A link can come from anything
 * the screen shows (a vendor's answer, an imported flow's notes, a connection's sign-in address),
 * so only the vendors' and Sincro's own sites open at once; any other web address is shown in
 * full and opens only when the user says so; any other kind of address (file:, smb:, a custom
 * scheme that starts a program) is never handed to the OS.
 */
import { parseUrl } from './app-origin';

/** Hosts that open without asking, over https only: the vendors' sites and docs, and Sincro's. */
export const TRUSTED_HOSTS: readonly string[] = ['teamleader.eu', 'www.teamleader.eu', 'focus.teamleader.eu', 'marketplace.focus.teamleader.eu', 'developer.focus.teamleader.eu'];
/** Domains whose every subdomain is the vendor's or Sincro's own. */
export const TRUSTED_DOMAINS: readonly string[] = ['mpluskassa.nl', 'sincro.app'];

export type LinkDecision = { action: 'open' | 'ask'; url: string } | { action: 'refuse'; reason: string };

export function decideExternalLink(raw: string): LinkDecision {
  const u = parseUrl(raw);
  const shown = raw.slice(0, 100);
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) return { action: 'refuse', reason: `Sincro opens only web addresses (http or https) in the browser, not "${shown}".` };
  // user:password@ can make an address read as a trusted host that it is not.
  if (u.username || u.password) return { action: 'refuse', reason: `Sincro does not open web addresses with a user name or password in them ("${shown}").` };
  const trusted = u.protocol === 'https:' && (TRUSTED_HOSTS.includes(u.hostname) || TRUSTED_DOMAINS.some((d) => u.hostname === d || u.hostname.endsWith(`.${d}`)));
  // u.href is what opens: normalised, non-ASCII hosts in punycode, so the dialog shows the real thing.
  return { action: trusted ? 'open' : 'ask', url: u.href };
}

/** The question before opening an address that is not on the list (Electron's MessageBoxOptions). */
export function askToOpenOptions(url: string) {
  return {
    type: 'question' as const,
    message: 'Open in your browser?',
    detail: url,
    buttons: ['Open', 'Cancel'],
    // Cancel is the default, so Enter or Escape never opens an address by accident.
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

/** Why an address was not opened: refused by the rules, or the user said Cancel. */
export class LinkNotOpened extends Error {
  constructor(
    message: string,
    readonly cancelled: boolean,
  ) {
    super(message);
    this.name = 'LinkNotOpened';
  }
}

/**
 * The one way the app opens an address in the browser, for the link handlers and the API service
 * (Teamleader sign-in) alike. `confirm` asks the user and resolves true for Open.
 */
export function externalLinkOpener(deps: { openExternal: (url: string) => Promise<void>; confirm: (url: string) => Promise<boolean> }): (url: string) => Promise<void> {
  return async (raw) => {
    const decision = decideExternalLink(raw);
    if (decision.action === 'refuse') throw new LinkNotOpened(decision.reason, false);
    if (decision.action === 'ask' && !(await deps.confirm(decision.url))) throw new LinkNotOpened(`You chose not to open ${decision.url}.`, true);
    await deps.openExternal(decision.url);
  };
}
