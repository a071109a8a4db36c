// Chooses the transport once: Electron's preload exposes `window.hub` (IPC); a browser talks HTTP.
import type { HubClient } from '../../../shared/client.ts';
import { createHttpClient } from './http-client.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    hub?: HubClient;
  }
}

export function pickClient(): HubClient {
  return window.hub ?? createHttpClient();
}
