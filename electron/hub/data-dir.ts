// Where the hub keeps its data when no --data-dir is given: the user data folder Electron uses,
// so the desktop app and `npm run serve` share one outbox and one set of settings.
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'order-webhook-hub';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), APP_FOLDER);
}
