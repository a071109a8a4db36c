// Chooses the transport once: Electron's preload exposes `window.hub` (IPC); a browser talks HTTP
// with the admin token of this tab's session, or gets null — no session, show the sign-in screen.
import { mapClientErrors, unpackHubError, type HubClient } from '../../../shared/client.ts';
import { adminSession } from './admin-session.ts';
import { createHttpClient } from './http-client.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    hub?: HubClient;
  }
}

export function pickClient(): HubClient | null {
  // Over IPC a HubError arrives packed in a plain Error's message (see packHubError).
  if (window.hub) return mapClientErrors(window.hub, unpackHubError);
  const session = adminSession(window);
  const token = session.token();
  return token === null ? null : createHttpClient({ token, onUnauthorized: session.forget });
}
