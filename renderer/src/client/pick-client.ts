// Chooses the transport once: Electron's preload exposes `window.hub` (IPC); a browser talks HTTP.
import { mapClientErrors, unpackHubError, type HubClient } from '../../../shared/client.ts';
import { createHttpClient } from './http-client.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    hub?: HubClient;
  }
}

export function pickClient(): HubClient {
  // Over IPC a HubError arrives packed in a plain Error's message (see packHubError).
  return window.hub ? mapClientErrors(window.hub, unpackHubError) : createHttpClient();
}
