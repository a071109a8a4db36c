// Finds the Chromium the browser tests run in, so `npm install && npm test` needs nothing installed
// by hand. Order: CHROMIUM_PATH; a system Chromium/Chrome; Playwright's own browser if one was
// downloaded; on Linux x64 the Chromium shipped (compressed) inside the @sparticuz/chromium package.
// The probes of the machine are passed in, so the order is unit-tested without touching the disk.
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export type BrowserSource = 'CHROMIUM_PATH' | 'system' | 'playwright' | '@sparticuz/chromium';

export interface FoundBrowser {
  executablePath: string;
  /** Launch flags for this browser (the common ones plus what its source needs). */
  args: string[];
  source: BrowserSource;
}

export interface BrowserProbes {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  arch: string;
  /** A regular file we may execute (a path bind-mounted to /dev/null is not). */
  isExecutable(path: string): boolean;
  /** Where Playwright's downloaded Chromium would be (whether or not it was downloaded), or null. */
  playwrightPath(): Promise<string | null>;
  /** Unpacks the packaged Chromium (first use only) and gives its path and flags; null if not installed. */
  packaged(): Promise<{ executablePath: string; args: string[] } | null>;
}

/** No sync, no component updates, no first-run: a test browser never talks to the internet. */
export const COMMON_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * Flags of @sparticuz/chromium's list (made for AWS Lambda) we leave out: `--single-process` ends
 * the browser when its first context closes (Playwright opens one per test), and the other two
 * switch off the same-origin policy and mixed-content blocking, which the tests must see working.
 */
const DROPPED_PACKAGED_ARGS = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);

const LINUX_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const LINUX_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

export const INSTALL_HINT =
  'No Chromium or Chrome found for the browser tests: install Google Chrome (or Chromium), or set CHROMIUM_PATH to its executable.';

export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
}

/** The system install locations to try on this platform, in order. */
export function systemCandidates(probes: Pick<BrowserProbes, 'env' | 'platform'>): string[] {
  const { env, platform } = probes;
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium'];
    const home = env.HOME ?? homedir();
    return [...apps.map((app) => join('/Applications', app)), ...apps.map((app) => join(home, 'Applications', app))];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string => Boolean(root));
    return roots.flatMap((root) => [join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(root, 'Chromium', 'Application', 'chrome.exe')]);
  }
  const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((dir) => LINUX_NAMES.map((name) => join(dir, name)));
  return [...new Set([...LINUX_PATHS, ...onPath])];
}

export async function findBrowser(probes: BrowserProbes = machineProbes()): Promise<FoundBrowser> {
  const chosen = probes.env.CHROMIUM_PATH?.trim();
  if (chosen) {
    // Set on purpose: falling back to another browser would hide the mistake.
    if (!probes.isExecutable(chosen)) throw new BrowserNotFoundError(`CHROMIUM_PATH=${chosen} is not an executable file: point it at a Chromium or Chrome executable, or unset it.`);
    return { executablePath: chosen, args: COMMON_ARGS, source: 'CHROMIUM_PATH' };
  }
  const system = systemCandidates(probes).find((path) => probes.isExecutable(path));
  if (system) return { executablePath: system, args: COMMON_ARGS, source: 'system' };
  const playwright = await probes.playwrightPath();
  if (playwright && probes.isExecutable(playwright)) return { executablePath: playwright, args: COMMON_ARGS, source: 'playwright' };
  // The package ships a Linux x64 build only.
  if (probes.platform === 'linux' && probes.arch === 'x64') {
    const packaged = await probes.packaged();
    if (packaged) {
      const args = [...new Set([...packaged.args.filter((arg) => !DROPPED_PACKAGED_ARGS.has(arg)), ...COMMON_ARGS])];
      return { executablePath: packaged.executablePath, args, source: '@sparticuz/chromium' };
    }
  }
  throw new BrowserNotFoundError(INSTALL_HINT);
}

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The probes of the machine we run on. */
export function machineProbes(): BrowserProbes {
  return {
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    isExecutable: isExecutableFile,
    playwrightPath: async () => {
      try {
        return (await import('@playwright/test')).chromium.executablePath();
      } catch {
        return null; // this Playwright knows no Chromium build for the platform
      }
    },
    packaged: async () => {
      let chromium: typeof import('@sparticuz/chromium').default;
      try {
        chromium = (await import('@sparticuz/chromium')).default;
      } catch {
        return null; // not installed (e.g. `npm install --omit=dev`)
      }
      return { executablePath: await chromium.executablePath(), args: chromium.args };
    },
  };
}
