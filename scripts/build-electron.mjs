// Bundles the Electron side into dist-electron/: main.js (ESM; electron and better-sqlite3 stay
// external) and preload.cjs (one CJS file: a sandboxed preload may require only `electron`),
// plus what the bundle reads at run time (SQL migrations, tray and window icons).
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--outdir');
// --outdir lets tests bundle elsewhere without touching a running app's dist-electron/.
const out = outFlag > 0 ? path.resolve(process.argv[outFlag + 1]) : path.join(root, 'dist-electron');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning', absWorkingDir: root };

await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: path.join(out, 'main.js'),
  format: 'esm',
  external: ['electron', 'better-sqlite3'],
  // CommonJS dependencies bundled into an ES module still call require() for Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: path.join(out, 'preload.cjs'),
  format: 'cjs',
  // It carries zod (the shared OPERATIONS map holds the validators); minified, every window opens faster.
  minify: true,
  external: ['electron'],
});

const preload = readFileSync(path.join(out, 'preload.cjs'), 'utf8');
const required = [...preload.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]).filter((name) => name !== 'electron');
if (required.length > 0) {
  console.error(`preload.cjs requires ${[...new Set(required)].join(', ')}; a sandboxed preload can only require "electron".`);
  process.exit(1);
}

cpSync(path.join(root, 'electron', 'hub', 'db', 'migrations'), path.join(out, 'migrations'), { recursive: true });
mkdirSync(path.join(out, 'icons'), { recursive: true });
const trayIcons = ['tray-ok', 'tray-alert', 'trayTemplate', 'tray-alertTemplate'].flatMap((name) => [`${name}.png`, `${name}@2x.png`]);
for (const name of ['app.png', ...trayIcons]) {
  cpSync(path.join(root, 'build', 'icons', name), path.join(out, 'icons', name));
}
console.log(`${path.relative(root, out)}/: main.js, preload.cjs, migrations/, icons/`);
