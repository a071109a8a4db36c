// What the desktop e2e needs before launching Electron: the binary (or why it is missing), the
// bundles and the Electron-ABI better-sqlite3 (built on demand, as `npm start` does).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

/** The Electron executable, or the reason there is none. */
export function electronBinary(): { path: string } | { missing: string } {
  const dir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: `${path.relative(root, pathFile)} absent (npm never downloads it; \`npm start\` does on first run)` };
  const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };
}

/** Builds what `npm start` builds; returns why it could not, or null. */
export function prepareApp(): string | null {
  const node = (script: string) => execFileSync(process.execPath, [script], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
  try {
    if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) execFileSync(process.execPath, [path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'), 'build'], { cwd: root, stdio: 'pipe' });
    node('scripts/build-electron.mjs');
    node('scripts/electron-native.mjs');
    return null;
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    return (failed.stderr?.trim().split('\n').pop() ?? failed.message).slice(0, 300);
  }
}
