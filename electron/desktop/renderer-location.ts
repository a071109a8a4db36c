// Where the window's renderer comes from (the Vite build on disk, or the Vite dev server when
// VITE_DEV_SERVER_URL is set in development), and whether a frame's URL is that renderer: the
// IPC registrar answers only frames that pass this check. File URLs are compared in one canonical
// spelling, because Chromium does not report them as Node builds them: it upper-cases a Windows
// drive letter (`file:///c:/…` from app.getAppPath() comes back as `file:///C:/…`) and may escape
// characters differently.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface RendererLocation {
  /** What the window loads. */
  url: string;
  /** Set when loading from the Vite dev server: its origin (http://127.0.0.1:5173). */
  devOrigin: string | null;
}

export function rendererLocation(appRoot: string, devServerUrl: string | undefined, isPackaged: boolean, platform = process.platform): RendererLocation {
  if (devServerUrl && !isPackaged) {
    const url = new URL(devServerUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`VITE_DEV_SERVER_URL must be http(s), got ${devServerUrl}`);
    return { url: url.href, devOrigin: url.origin };
  }
  const windows = platform === 'win32';
  const file = (windows ? path.win32 : path.posix).join(appRoot, 'dist', 'renderer', 'index.html');
  return { url: pathToFileURL(file, { windows }).href, devOrigin: null };
}

/** Host and path with every escape decoded and re-encoded one way, drive letter upper-cased, no trailing slash; null if malformed. */
function canonicalFile(url: URL): string | null {
  const withDrive = url.pathname.replace(/^\/([a-z]):/, (_match, drive: string) => `/${drive.toUpperCase()}:`);
  let pathname: string;
  try {
    pathname = withDrive.split('/').map((segment) => encodeURIComponent(decodeURIComponent(segment))).join('/');
  } catch {
    return null;
  }
  if (pathname.length > 1 && pathname.endsWith('/')) pathname = pathname.slice(0, -1);
  return `${url.host}${pathname}`;
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
  if (url.protocol !== 'file:' || url.search !== '') return false;
  const candidateFile = canonicalFile(url);
  return candidateFile !== null && candidateFile === canonicalFile(new URL(location.url));
}
