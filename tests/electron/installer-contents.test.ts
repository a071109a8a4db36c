// What `npm run dist` packs, measured with electron-builder itself: the real CLI and the real
// electron-builder.yml build the unpacked Linux app (`--linux dir`, the step every installer target
// starts from) in a staged copy of the project whose node_modules is the project's own. Electron's
// runtime can't be downloaded here, so a stand-in folder takes its place (-c.electronDist); the
// app's part — app.asar and app.asar.unpacked — is what electron-builder would ship. Then:
// node_modules still loads under Node, only what main.js needs is packed, and the packed app
// starts the hub under the stand-in `electron` module.
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeMain, electronVersion, launchMain, root, type MainProcess } from './main-process.ts';

const require = createRequire(import.meta.url);
const run = promisify(execFile);
const asar = require('@electron/asar') as {
  listPackage(archive: string, options?: { isPack: boolean }): string[];
  extractAll(archive: string, dest: string): void;
};
const nodeAddon = path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
const bin = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

let work: string;
let stage: string;
let resources: string;
let addonBefore: { hash: string; mtimeMs: number };
let files: string[];
let build: { stdout: string; stderr: string };

/** An Electron distribution folder with the files electron-builder moves and renames. */
function standInElectron(dir: string): void {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  for (const name of ['electron', 'chrome-sandbox']) {
    writeFileSync(path.join(dir, name), '#!/bin/sh\nexit 0\n');
    chmodSync(path.join(dir, name), 0o755);
  }
  for (const name of ['LICENSE', 'LICENSES.chromium.html']) writeFileSync(path.join(dir, name), '');
  writeFileSync(path.join(dir, 'version'), electronVersion);
}

function bytesUnder(dir: string): number {
  const stat = statSync(dir);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(dir).reduce((sum, name) => sum + bytesUnder(path.join(dir, name)), 0);
}

describe.skipIf(process.platform !== 'linux')('the installer build (electron-builder --linux dir)', () => {
  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'installer-contents-'));
    stage = path.join(work, 'project');
    resources = path.join(work, 'release', 'linux-unpacked', 'resources');
    addonBefore = { hash: sha256(nodeAddon), mtimeMs: statSync(nodeAddon).mtimeMs };
    mkdirSync(stage, { recursive: true });
    for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml']) cpSync(path.join(root, file), path.join(stage, file));
    cpSync(path.join(root, 'build'), path.join(stage, 'build'), { recursive: true });
    symlinkSync(path.join(root, 'node_modules'), path.join(stage, 'node_modules'));
    // What `npm run dist` builds before electron-builder runs; the addon stands in for the Electron
    // build that scripts/electron-native.mjs fetches or compiles (same file name and place).
    await run(process.execPath, [bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', path.join(stage, 'dist', 'renderer'), '--emptyOutDir'], { cwd: root });
    await run(process.execPath, ['scripts/build-electron.mjs', '--outdir', path.join(stage, 'dist-electron')], { cwd: root });
    mkdirSync(path.join(stage, '.electron-native', electronVersion), { recursive: true });
    cpSync(nodeAddon, path.join(stage, '.electron-native', electronVersion, 'better_sqlite3.node'));
    standInElectron(path.join(work, 'electron-dist'));
    build = await run(process.execPath, [
      bin('electron-builder', 'cli.js'), '--config', 'electron-builder.yml', '--linux', 'dir',
      `-c.electronDist=${path.join(work, 'electron-dist')}`, `-c.directories.output=${path.join(work, 'release')}`,
    ], { cwd: stage, maxBuffer: 16 * 1024 * 1024 });
    files = asar.listPackage(path.join(resources, 'app.asar'), { isPack: false });
  }, 240_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('leaves node_modules with its Node build of better-sqlite3, which still loads under Node', async () => {
    expect(sha256(nodeAddon)).toBe(addonBefore.hash);
    expect(statSync(nodeAddon).mtimeMs).toBe(addonBefore.mtimeMs);
    const { stdout } = await run(process.execPath, ['-e', "const D=require('better-sqlite3');const db=new D(':memory:');console.log(JSON.stringify(db.prepare('select sqlite_version() as v').get()));db.close()"], { cwd: root });
    expect(JSON.parse(stdout)).toMatchObject({ v: expect.stringMatching(/^3\./) });
  });

  it('packs what main.js needs and nothing it already bundles, no sources, no build objects, no source maps', () => {
    expect(files).toEqual(expect.arrayContaining([
      '/package.json', '/dist/renderer/index.html', '/dist-electron/main.js', '/dist-electron/preload.cjs',
      '/dist-electron/migrations/001-outbox.sql', '/dist-electron/icons/tray-ok.png', '/dist-electron/icons/trayTemplate.png',
      '/node_modules/better-sqlite3/package.json', '/node_modules/better-sqlite3/lib/index.js',
      `/.electron-native/${electronVersion}/better_sqlite3.node`,
    ]));
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    const packages = new Set(files.filter((file) => file.startsWith('/node_modules/')).map((file) => file.split('/')[2]));
    expect([...packages]).toEqual(['better-sqlite3']);
    expect(files.filter((file) => /better-sqlite3\/(deps|src|build)\b|binding\.gyp$/.test(file))).toEqual([]);
    // The addon is loaded by the OS, so it lives outside the archive.
    expect(statSync(path.join(resources, 'app.asar.unpacked', '.electron-native', electronVersion, 'better_sqlite3.node')).size).toBeGreaterThan(0);
  });

  it('keeps the app\'s part of the installer small (app.asar + app.asar.unpacked)', () => {
    const asarBytes = statSync(path.join(resources, 'app.asar')).size;
    const unpackedBytes = bytesUnder(path.join(resources, 'app.asar.unpacked'));
    console.log(`installer app part: app.asar ${asarBytes} B + app.asar.unpacked ${unpackedBytes} B = ${asarBytes + unpackedBytes} B`);
    // 46.7 MB before (react, axios, zod… again, better-sqlite3's sources and objects, source maps).
    expect(asarBytes + unpackedBytes).toBeLessThan(8 * 1024 * 1024);
  });

  it('the packed app starts the hub from its own files (under the stand-in electron)', async () => {
    const app = path.join(work, 'extracted');
    asar.extractAll(path.join(resources, 'app.asar'), app);
    let main: MainProcess | undefined;
    try {
      main = await launchMain(path.join(app, 'dist-electron'), { appRoot: app });
      await expect(main.command('invoke', { channel: 'settings:get', args: [], trusted: true })).resolves.toMatchObject({ ok: true });
      await main.command('tray-click', { label: 'Quit (stops sending orders)' });
      expect(await main.exited()).toBe(0);
    } finally {
      await disposeMain(main);
    }
  });
});
