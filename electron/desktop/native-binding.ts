// Which better-sqlite3 addon the hub opens under Electron: the one built for this Electron's ABI
// in .electron-native/<electron version>/ (scripts/electron-native.mjs), leaving node_modules'
// Node build for `npm test` and `npm run serve`. `npm start` builds it; `npm run dist` packs the
// same file (kept outside the asar), so node_modules is never rebuilt in place.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const NATIVE_DIR = '.electron-native';

export function electronNativeBinding(appRoot: string, electronVersion: string): string {
  return path.join(appRoot, NATIVE_DIR, electronVersion, 'better_sqlite3.node');
}

export function pickNativeBinding(appRoot: string, electronVersion: string): string {
  const file = electronNativeBinding(appRoot, electronVersion);
  if (!existsSync(file)) {
    throw new Error(`better-sqlite3 for Electron ${electronVersion} is missing (${file}). Start the app with \`npm start\` (or build the installer with \`npm run dist\`), which builds it.`);
  }
  return file;
}
