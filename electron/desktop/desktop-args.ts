// The desktop app's own start-up inputs. Command-line switches (the rest of argv belongs to
// Electron/Chromium): the same --data-dir / --ingest-host / --ingest-port as `npm run serve`,
// plus --hidden for a start at login straight into the tray. And the token presets from the
// environment, read as serve reads them.
import path from 'node:path';

export interface DesktopArgs {
  /** Absolute; null means the default user data folder. */
  dataDir: string | null;
  ingestHost: string | undefined;
  ingestPort: number | undefined;
  /** Start in the tray without showing the window. */
  hidden: boolean;
}

function valueOf(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === name) return argv[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

function port(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`--ingest-port must be a port number (0-65535), got "${text}"`);
  return value;
}

export function parseDesktopArgs(argv: readonly string[], cwd = process.cwd()): DesktopArgs {
  const dataDir = valueOf(argv, '--data-dir');
  return {
    dataDir: dataDir ? path.resolve(cwd, dataDir) : null,
    ingestHost: valueOf(argv, '--ingest-host'),
    ingestPort: port(valueOf(argv, '--ingest-port')),
    hidden: argv.includes('--hidden'),
  };
}

/** The switches to repeat when the app is started again by the OS (start at login). */
export function relaunchArgs(args: DesktopArgs): string[] {
  const out = ['--hidden'];
  if (args.dataDir) out.push('--data-dir', args.dataDir);
  if (args.ingestHost) out.push('--ingest-host', args.ingestHost);
  if (args.ingestPort !== undefined) out.push('--ingest-port', String(args.ingestPort));
  return out;
}

/** HUB_POS_TOKEN / HUB_ADMIN_TOKEN; one that is set but empty counts as unset, as in serve. */
export function tokenPresets(env: NodeJS.ProcessEnv): { posToken: string | undefined; adminToken: string | undefined } {
  return { posToken: env.HUB_POS_TOKEN || undefined, adminToken: env.HUB_ADMIN_TOKEN || undefined };
}
