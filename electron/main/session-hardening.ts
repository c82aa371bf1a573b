/**
 * Electron wiring of the security rules (the decisions themselves are in navigation-policy.ts,
 * content-security-policy.ts and app-protocol.ts, tested in Node): the app:// protocol with its
 * CSP, the CSP header for the dev server, permissions denied, and every web contents kept on the
 * app's pages with websites sent to the OS browser (asking first for any but the vendors' sites).
 */
import { app, protocol, type Session, type WebContents } from 'electron';
import { APP_SCHEME, isAppUrl, type RendererLocation } from './app-origin';
import { createAppFileHandler } from './app-protocol';
import { withContentSecurityPolicy } from './content-security-policy';
import { LinkNotOpened } from './external-links';
import { allowPermission, mayNavigate, windowOpenAction } from './navigation-policy';

/** Before app ready: app:// behaves like https (own origin, secure context, fetch, module scripts). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

export function hardenSession(ses: Session, opts: { location: RendererLocation; policy: string; rendererDir: string }): void {
  const { origin } = opts.location;
  ses.protocol.handle(APP_SCHEME, createAppFileHandler({ rootDir: opts.rendererDir, contentSecurityPolicy: opts.policy }));
  // The dev server's pages get the policy as a header too (app:// responses carry it themselves).
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, origin) || (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame')) return callback({});
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, opts.policy) });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => callback(allowPermission(permission, details.requestingUrl, origin)));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowPermission(permission, requestingOrigin, origin));
  ses.setDevicePermissionHandler(() => false);
}

/** Applies to every web contents the app ever creates, so none can slip past the rules. */
export function guardAllWebContents(opts: { location: RendererLocation; openExternal: (url: string) => Promise<void>; logError: (m: string, e: unknown) => void }): void {
  const { origin } = opts.location;
  const open = (url: string) =>
    void opts.openExternal(url).catch((e: unknown) => {
      // The user said Cancel: nothing went wrong.
      if (!(e instanceof LinkNotOpened && e.cancelled)) opts.logError(`Could not open ${url} in the browser`, e);
    });
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => {
      if (mayNavigate(event.url, origin)) return;
      event.preventDefault();
      // A plain link to a website: the user meant to open it, so it goes to the browser.
      if (windowOpenAction(event.url) === 'open-in-browser') open(event.url);
    });
    contents.on('will-redirect', (event) => {
      if (!mayNavigate(event.url, origin)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (windowOpenAction(url) === 'open-in-browser') open(url);
      return { action: 'deny' };
    });
  });
}
