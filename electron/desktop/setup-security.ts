// Secure defaults for every web page the app shows: no permissions (but one, below), no
// navigation, no new windows (http(s) links open in the system browser), no <webview>, and the dev
// server's pages get the renderer's Content-Security-Policy as a header. The one permission is
// the Clipboard API's write (the Copy buttons), for our own page in our own window only.
import { app, session, shell, type WebContents } from 'electron';
import { devServerCsp } from '../../shared/content-security-policy.ts';
import { isOwnRendererUrl, type RendererLocation } from './renderer-location.ts';

const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

function openInBrowser(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol === 'https:' || parsed.protocol === 'http:') void shell.openExternal(parsed.href);
}

function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    // Routes are #hashes (in-page); a real navigation is a plain link to a partner's site.
    event.preventDefault();
    openInBrowser(event.url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function setupSecurity(location: RendererLocation, ownContents: () => WebContents | null): void {
  const ses = session.defaultSession;
  const ownPage = (contents: WebContents | null, url: string | undefined, isMainFrame: boolean) =>
    contents !== null && contents === ownContents() && isMainFrame && url !== undefined && isOwnRendererUrl(url, location);
  ses.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(permission === CLIPBOARD_WRITE && ownPage(contents, details.requestingUrl, details.isMainFrame)));
  ses.setPermissionCheckHandler((contents, permission, _origin, details) =>
    permission === CLIPBOARD_WRITE && ownPage(contents, details.requestingUrl, details.isMainFrame));
  if (location.devOrigin) {
    const csp = devServerCsp(location.devOrigin);
    ses.webRequest.onHeadersReceived({ urls: [`${location.devOrigin}/*`] }, (details, callback) => {
      const headers = Object.fromEntries(
        Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
      );
      callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
    });
  }
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
}
