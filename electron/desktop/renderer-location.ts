// Where the window's renderer comes from (the Vite build on disk, or the Vite dev server when
// VITE_DEV_SERVER_URL is set in development), and whether a frame's URL is that renderer: the
// IPC registrar answers only frames that pass this check.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface RendererLocation {
  /** What the window loads. */
  url: string;
  /** Set when loading from the Vite dev server: its origin (http://127.0.0.1:5173). */
  devOrigin: string | null;
}

export function rendererLocation(appRoot: string, devServerUrl: string | undefined, isPackaged: boolean): RendererLocation {
  if (devServerUrl && !isPackaged) {
    const url = new URL(devServerUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`VITE_DEV_SERVER_URL must be http(s), got ${devServerUrl}`);
    return { url: url.href, devOrigin: url.origin };
  }
  return { url: pathToFileURL(path.join(appRoot, 'dist', 'renderer', 'index.html')).href, devOrigin: null };
}

/** True for our renderer's page (any #route); false for anything else, including other files. */
export function isOwnRendererUrl(candidate: string, location: RendererLocation): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (location.devOrigin) return url.origin === location.devOrigin;
  const own = new URL(location.url);
  return url.protocol === 'file:' && url.host === own.host && url.pathname === own.pathname && url.search === '';
}
