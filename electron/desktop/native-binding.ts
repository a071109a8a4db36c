// Which better-sqlite3 addon the hub opens under Electron. `npm start` puts one built for this
// Electron's ABI in .electron-native/<electron version>/ (scripts/electron-native.mjs), leaving
// node_modules' Node build for `npm test` and `npm run serve`. A packaged app has its
// node_modules rebuilt for Electron by electron-builder, so it needs none.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const NATIVE_DIR = '.electron-native';

export function electronNativeBinding(appRoot: string, electronVersion: string): string {
  return path.join(appRoot, NATIVE_DIR, electronVersion, 'better_sqlite3.node');
}

export function pickNativeBinding(appRoot: string, electronVersion: string, isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined;
  const file = electronNativeBinding(appRoot, electronVersion);
  if (!existsSync(file)) {
    throw new Error(`better-sqlite3 for Electron ${electronVersion} is missing (${file}). Start the app with \`npm start\`, which builds it.`);
  }
  return file;
}
