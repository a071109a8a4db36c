// `npm start` and `npm run dist` step: puts a better-sqlite3 addon built for the installed
// Electron's ABI into .electron-native/<electron version>/better_sqlite3.node, which the desktop
// main process hands the hub as `nativeBinding` (the installer packs this same file). Works on a
// temporary copy of the package, so node_modules keeps its Node build for `npm test` and
// `npm run serve`; skipped when the file is already there. Builds for older Electron versions are
// removed, so the installer carries one addon only.
// Tries the published prebuilt binary first (prebuild-install), then compiles (node-gyp).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const electronVersion = readJson(require.resolve('electron/package.json')).version;
const packageDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const nativeRoot = path.join(root, '.electron-native');
const target = path.join(nativeRoot, electronVersion, 'better_sqlite3.node');
const arch = process.env.npm_config_arch ?? process.arch;
const platform = process.env.npm_config_platform ?? process.platform;

/** Electron's headers location: the environment, else the one Electron's own rebuild tool uses. */
function headersUrl() {
  const fromEnv = process.env.ELECTRON_HEADERS_URL ?? process.env.npm_config_electron_headers_url;
  if (fromEnv) return fromEnv;
  try {
    const source = readFileSync(path.join(path.dirname(require.resolve('@electron/rebuild')), 'rebuild.js'), 'utf8');
    return /headerURL\s*\|\|\s*['"]([^'"]+)['"]/.exec(source)?.[1] ?? null;
  } catch {
    return null;
  }
}

function lastLine(text) {
  const lines = (text ?? '').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at '));
  const line = lines.reverse().find((l) => /err|fail|not found|ENOTFOUND|ECONN|status/i.test(l)) ?? lines[0] ?? 'no output';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

function run(command, args, cwd, inherit) {
  const result = spawnSync(process.execPath, [command, ...args], { cwd, encoding: 'utf8', stdio: inherit ? 'inherit' : 'pipe', timeout: 30 * 60_000 });
  return { ok: result.status === 0, why: result.error?.message ?? lastLine(`${result.stderr ?? ''}\n${result.stdout ?? ''}`) };
}

function built(copy) {
  const file = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
  return existsSync(file) && statSync(file).size > 0 ? file : null;
}

function pruneOtherVersions() {
  for (const entry of existsSync(nativeRoot) ? readdirSync(nativeRoot) : []) {
    if (entry !== electronVersion) rmSync(path.join(nativeRoot, entry), { recursive: true, force: true });
  }
}

function main() {
  pruneOtherVersions();
  if (existsSync(target) && process.argv[2] !== '--force') return 0;
  const work = mkdtempSync(path.join(os.tmpdir(), 'electron-native-'));
  const copy = path.join(work, 'better-sqlite3');
  try {
    cpSync(packageDir, copy, { recursive: true, filter: (src) => path.relative(packageDir, src).split(path.sep)[0] !== 'build' });
    console.log(`better-sqlite3 for Electron ${electronVersion} (${platform}-${arch}): fetching the prebuilt addon…`);
    const prebuilt = run(require.resolve('prebuild-install/bin.js'), ['--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', platform], copy, false);
    let file = prebuilt.ok ? built(copy) : null;
    let why = prebuilt.why;
    if (!file) {
      const dist = headersUrl();
      if (!dist) why = `${why}; and no Electron headers URL is known (set ELECTRON_HEADERS_URL)`;
      else {
        console.log(`No prebuilt addon (${why}); compiling it against Electron's headers…`);
        const gyp = run(require.resolve('node-gyp/bin/node-gyp.js'), [
          'rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`, `--dist-url=${dist}`,
          `--devdir=${path.join(os.homedir(), '.electron-gyp')}`,
        ], copy, true);
        file = gyp.ok ? built(copy) : null;
        if (!file) why = `${why}; compiling failed too${gyp.why === 'no output' ? '' : ` (${gyp.why})`}`;
      }
    }
    if (!file) {
      console.error(`better-sqlite3 for Electron ${electronVersion} could not be fetched or built (${why}); run the hub headless with \`npm run serve\` meanwhile.`);
      return 1;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(file, target);
    console.log(`better-sqlite3 for Electron ${electronVersion}: ${path.relative(root, target)}`);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = main();
