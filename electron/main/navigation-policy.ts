/**
 * No remote content in the window: it may show only the app's own pages. Links to websites (the
 * Teamleader login, help pages) go to the user's browser instead, and only http(s) ones: a
 * file:, javascript: or custom-scheme URL is never handed to the OS. Which websites open at once
 * and which ask first: external-links.ts.
 */
import { isAppUrl, parseUrl, type AppOrigin } from './app-origin';

export function isExternalWebUrl(url: string): boolean {
  const u = parseUrl(url);
  return !!u && (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
}

/** For will-navigate / will-redirect: stay only on the app's pages. */
export function mayNavigate(url: string, origin: AppOrigin): boolean {
  return isAppUrl(url, origin);
}

/** For window.open and target=_blank links: never a new Electron window; websites go to the browser. */
export function windowOpenAction(url: string): 'open-in-browser' | 'ignore' {
  return isExternalWebUrl(url) ? 'open-in-browser' : 'ignore';
}

/**
 * Permissions are denied unless listed here for the app's own pages. Writing to the clipboard is
 * what copy in the canvas and the "copy" buttons need; nothing else (camera, location,
 * notifications: main shows those itself) is ever granted.
 */
const ALLOWED_FOR_APP = new Set(['clipboard-sanitized-write']);

export function allowPermission(permission: string, requestingUrl: string | null | undefined, origin: AppOrigin): boolean {
  return ALLOWED_FOR_APP.has(permission) && isAppUrl(requestingUrl, origin);
}
