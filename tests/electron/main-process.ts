// Runs the bundled desktop main (dist-electron/main.js as `npm start` builds it) under plain Node
// with the stand-in `electron` module (stub/), and talks to it over the fork IPC channel: send a
// command, wait for its answer, wait for the exit. One bundle per test file, one data folder per run.
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
/** The Electron version main runs as (the stand-in reports it as process.versions.electron). */
export const electronVersion = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;

type Message =
  | { type: 'ready' }
  | { type: 'answer'; id: number; answer?: unknown; error?: string }
  | { type: 'exit'; code: number; record: unknown }
  /** Sent by the stand-in as a dialog opens (a synchronous one then blocks main). */
  | { type: 'dialog'; kind: 'sync' | 'async' };

export interface MainProcess {
  child: ChildProcess;
  dataDir: string;
  /** What app.getAppPath() answers: the built renderer and the addon, laid out as in the app. */
  appRoot: string;
  /** Everything main wrote to stdout and stderr so far. */
  output(): string;
  command<T = unknown>(type: string, extra?: Record<string, unknown>): Promise<T>;
  /** Resolves with the code main passed to app.exit() once the process is gone. */
  exited(timeoutMs?: number): Promise<number>;
  /** The n-th dialog main opens (0-based), as soon as it opens. */
  dialogOpened(index: number): Promise<'sync' | 'async'>;
}

export interface LaunchOptions {
  env?: Record<string, string>;
  args?: string[];
  execArgv?: string[];
  /** Wait for main to finish starting (IPC handlers and tray exist); default true. */
  waitReady?: boolean;
  /** An app folder to run from as it is (kept afterwards); default a staged one (see stageAppRoot). */
  appRoot?: string;
}

/** Bundles electron/ into a folder of its own (a running app's dist-electron/ stays untouched). */
export async function buildMainBundle(name: string): Promise<{ outdir: string; remove(): void }> {
  const outdir = path.join(root, 'node_modules', '.cache', `${name}-${process.pid}`);
  await promisify(execFile)(process.execPath, ['scripts/build-electron.mjs', '--outdir', outdir], { cwd: root });
  return { outdir, remove: () => rmSync(outdir, { recursive: true, force: true }) };
}

/**
 * An app folder as `npm start` leaves it: dist/ and .electron-native/<version>/better_sqlite3.node.
 * Under plain Node the addon has to be node_modules' Node build, linked in under that name.
 */
const staged = new Set<string>();

function stageAppRoot(): string {
  const appRoot = mkdtempSync(path.join(os.tmpdir(), 'desktop-app-'));
  symlinkSync(path.join(root, 'dist'), path.join(appRoot, 'dist'));
  const native = path.join(appRoot, '.electron-native', electronVersion);
  mkdirSync(native, { recursive: true });
  const nodeBuild = path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
  symlinkSync(nodeBuild, path.join(native, 'better_sqlite3.node'));
  return appRoot;
}

export async function launchMain(outdir: string, options: LaunchOptions = {}): Promise<MainProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desktop-main-'));
  const appRoot = options.appRoot ?? stageAppRoot();
  if (!options.appRoot) staged.add(appRoot);
  const child = fork(path.join(outdir, 'main.js'), ['--data-dir', dataDir, '--ingest-host', '127.0.0.1', '--ingest-port', '0', ...(options.args ?? [])], {
    cwd: root,
    execArgv: [...(options.execArgv ?? []), '--import', path.join(import.meta.dirname, 'stub', 'register.mjs')],
    env: { ...process.env, STUB_APP_PATH: appRoot, STUB_ELECTRON_VERSION: electronVersion, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const messages: Message[] = [];
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.on('message', (message: Message) => messages.push(message));
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let nextId = 1;

  function waitFor<T extends Message>(match: (m: Message) => m is T, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const found = messages.find(match);
      if (found) return resolve(found);
      const timer = setTimeout(() => { child.off('message', onMessage); reject(new Error(`timed out; main printed:\n${output}`)); }, timeoutMs);
      const onMessage = (message: Message) => {
        if (!match(message)) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
    });
  }

  const main: MainProcess = {
    child,
    dataDir,
    appRoot,
    output: () => output,
    async command<T>(type: string, extra: Record<string, unknown> = {}) {
      const id = nextId++;
      child.send({ type, id, ...extra });
      const reply = await waitFor((m): m is Extract<Message, { type: 'answer' }> => m.type === 'answer' && m.id === id);
      if (reply.error) throw new Error(reply.error);
      return reply.answer as T;
    },
    async exited(timeoutMs = 20_000) {
      const exit = await waitFor((m): m is Extract<Message, { type: 'exit' }> => m.type === 'exit', timeoutMs);
      await gone;
      return exit.code;
    },
    async dialogOpened(index) {
      await waitFor((m): m is Extract<Message, { type: 'dialog' }> => m.type === 'dialog' && messages.filter((x) => x.type === 'dialog').indexOf(m) === index);
      const dialogs = messages.filter((m): m is Extract<Message, { type: 'dialog' }> => m.type === 'dialog');
      return dialogs[index]!.kind;
    },
  };
  if (options.waitReady !== false) await waitFor((m): m is Extract<Message, { type: 'ready' }> => m.type === 'ready', 30_000);
  return main;
}

/** Kills a run that is still going and removes its data folder. */
export async function disposeMain(main: MainProcess | undefined): Promise<void> {
  if (!main) return;
  if (main.child.exitCode === null && main.child.signalCode === null) {
    main.child.kill('SIGKILL');
    await new Promise((resolve) => main.child.once('exit', resolve));
  }
  rmSync(main.dataDir, { recursive: true, force: true });
  if (staged.delete(main.appRoot)) rmSync(main.appRoot, { recursive: true, force: true });
}
