// The bundled desktop main (dist-electron/main.js as `npm start` builds it) run under plain Node
// with a stand-in `electron` module (stub/): proves the bundle loads, starts the real hub from the
// data folder with the safeStorage codec, locks the window down, answers IPC only for its own
// renderer, keeps running in the tray when the window closes, and quits cleanly.
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_CHANNEL, OPERATIONS, type HubClient, unpackHubError } from '../../shared/client.ts';
import { makeEvent } from '../support/events.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const outdir = path.join(root, 'node_modules', '.cache', `main-bundle-test-${process.pid}`);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desktop-main-'));

type Message = { type: 'ready' } | { type: 'answer'; id: number; answer?: unknown; error?: string } | { type: 'exit'; code: number; record: Snapshot };
interface Snapshot {
  paths: Record<string, string>;
  appUserModelId: string;
  sandboxEnabled: boolean;
  permissionHandler: boolean;
  webPreferences: Record<string, unknown>;
  windowVisible: boolean | null;
  loaded: string[];
  channels: string[];
  tray: { tooltip: string; menu: Array<{ label?: string; type?: string; checked?: boolean }>; image: { file: string; exists: boolean } } | null;
  errors: string[];
  sent: Array<{ channel: string; args: unknown[] }>;
  openExternal: string[];
}

let child: ChildProcess;
let output = '';
const messages: Message[] = [];
let nextId = 1;

function waitFor<T extends Message>(match: (m: Message) => m is T, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const found = messages.find(match);
    if (found) return resolve(found);
    const timer = setTimeout(() => reject(new Error(`timed out; main printed:\n${output}`)), timeoutMs);
    const onMessage = (message: Message) => {
      if (!match(message)) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
  });
}

async function command(type: string, extra: Record<string, unknown> = {}): Promise<unknown> {
  const id = nextId++;
  child.send({ type, id, ...extra });
  const reply = await waitFor((m): m is Extract<Message, { type: 'answer' }> => m.type === 'answer' && m.id === id);
  if (reply.error) throw new Error(reply.error);
  return reply.answer;
}

const invoke = (channel: string, args: unknown[], trusted = true) => command('invoke', { channel, args, trusted });

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['scripts/build-electron.mjs', '--outdir', outdir], { cwd: root });
  child = fork(path.join(outdir, 'main.js'), ['--data-dir', dataDir, '--ingest-host', '127.0.0.1', '--ingest-port', '0'], {
    cwd: root,
    execArgv: ['--import', path.join(import.meta.dirname, 'stub', 'register.mjs')],
    env: { ...process.env, STUB_APP_PATH: root, HUB_POS_TOKEN: 'pos-token-for-main-bundle-test' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.on('message', (message: Message) => messages.push(message));
  await waitFor((m): m is Extract<Message, { type: 'ready' }> => m.type === 'ready', 30_000);
}, 60_000);

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(outdir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('desktop main bundle (stand-in electron)', () => {
  it('uses the data folder for Electron too, and locks the window down', async () => {
    const state = (await command('snapshot')) as Snapshot;
    expect(state.errors).toEqual([]);
    expect(state.paths.userData).toBe(dataDir);
    expect(state.paths.sessionData).toBe(path.join(dataDir, 'chromium'));
    expect(state.appUserModelId).toBe(process.platform === 'win32' ? 'com.orderwebhookhub.app' : undefined); // a Windows-only API
    expect(state.sandboxEnabled).toBe(true);
    expect(state.permissionHandler).toBe(true);
    expect(state.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(state.webPreferences.preload)).toBe(path.join(outdir, 'preload.cjs'));
    expect(state.loaded).toEqual([`file://${path.join(root, 'dist', 'renderer', 'index.html')}`]);
    expect(state.windowVisible).toBe(false); // shown on ready-to-show, which the stand-in never fires
    expect(new Set(state.channels)).toEqual(new Set(Object.values(OPERATIONS).map((op) => op.channel)));
  });

  it('serves the renderer over IPC, and only the renderer', async () => {
    await expect(invoke('settings:get', [])).resolves.toMatchObject({ ok: true, value: { thirdPartyOrders: false } });
    await expect(invoke('settings:get', [], false)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(invoke('deliveries:get', ['1'])).resolves.toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    await expect(invoke('deliveries:get', [999])).resolves.toMatchObject({ ok: false, error: { code: 'not_found', status: 404 } });
    const connection = (await invoke('connection:get', [])) as { ok: true; value: { ingestUrls: string[] } };
    expect(connection.ok).toBe(true);
    await expect(invoke('pos-token:reveal', [])).resolves.toEqual({ ok: true, value: { value: 'pos-token-for-main-bundle-test' } });
  });

  it('keeps secrets in config.json encrypted through safeStorage', async () => {
    const saved = await invoke('settings:save', [{
      requestHeader: { name: 'X-API-Key', value: 'partner-secret-value' },
      hooks: { open: { url: 'https://partner.example/open', enabled: true }, update: { url: '', enabled: false }, close: { url: '', enabled: false } },
      thirdPartyOrders: false,
    }]);
    expect(saved).toMatchObject({ ok: true, value: { requestHeader: { name: 'X-API-Key', hasValue: true } } });
    const config = readFileSync(path.join(dataDir, 'config.json'), 'utf8');
    expect(config).not.toContain('partner-secret-value');
    expect(config).not.toContain('pos-token-for-main-bundle-test');
    expect(config).toMatch(/"safe:[A-Za-z0-9+/=]+"/);
  });

  it('shows the queue in the tray and pushes changes to the window', async () => {
    await expect.poll(async () => ((await command('snapshot')) as Snapshot).tray?.tooltip, { timeout: 10_000 }).toMatch(/^Order Webhook Hub: /);
    const state = (await command('snapshot')) as Snapshot;
    expect(state.tray?.image.exists).toBe(true);
    expect(state.tray?.menu.map((item) => item.label)).toEqual(expect.arrayContaining(['Open Order Webhook Hub', 'Start at login', 'Quit (stops sending orders)']));
    const ingestUrl = /POS events to (\S+),/.exec(output)?.[1];
    expect(ingestUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/events$/);
    const response = await fetch(ingestUrl!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer pos-token-for-main-bundle-test' },
      body: JSON.stringify(makeEvent({ type: 'check.opened', source: 'OLO' })),
    });
    expect(response.status).toBe(202);
    await expect.poll(async () => ((await command('snapshot')) as Snapshot).sent.some((m) => m.channel === CHANGE_CHANNEL), { timeout: 10_000 }).toBe(true);
    const list = (await invoke('deliveries:list', [{}])) as { ok: boolean; value: { items: unknown[] } };
    expect(list.ok).toBe(true);
    expect(list.value.items).toEqual([expect.objectContaining({ hook: 'open', eventType: 'check.opened' })]);
  });

  it('denies new windows, sending http(s) links to the system browser', async () => {
    await expect(command('open-window', { url: 'https://partner.example/docs' })).resolves.toEqual({ action: 'deny' });
    await expect(command('open-window', { url: 'file:///etc/passwd' })).resolves.toEqual({ action: 'deny' });
    expect(((await command('snapshot')) as Snapshot).openExternal).toEqual(['https://partner.example/docs']);
  });

  it('hides to the tray on close, and quits cleanly (hub closed) from the tray', async () => {
    await expect(command('close-window')).resolves.toEqual({ prevented: true });
    child.send({ type: 'quit' });
    const exit = await waitFor((m): m is Extract<Message, { type: 'exit' }> => m.type === 'exit', 20_000);
    expect(exit.code).toBe(0);
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    // Not started from a terminal: the hub logs to <data folder>/logs/hub.log, to the last line.
    expect(readFileSync(path.join(dataDir, 'logs', 'hub.log'), 'utf8')).toContain('hub stopped');
  }, 30_000);
});

describe('preload bundle (as a sandboxed preload runs it)', () => {
  it('requires only electron and exposes window.hub: the operations and onChange, nothing else', async () => {
    const exposed = new Map<string, unknown>();
    const invoked: Array<{ channel: string; args: unknown[] }> = [];
    const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: async (channel: string, ...args: unknown[]) => {
          invoked.push({ channel, args });
          return channel === 'stats:get' ? { ok: false, error: { code: 'internal', message: 'nope', details: [], status: 500 } } : { ok: true, value: channel };
        },
        on: (channel: string, fn: (...args: unknown[]) => void) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(fn)),
        removeListener: (channel: string, fn: (...args: unknown[]) => void) => listeners.get(channel)?.delete(fn),
      },
    };
    const required: string[] = [];
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    };
    const module = { exports: {} };
    const source = readFileSync(path.join(outdir, 'preload.cjs'), 'utf8');
    vm.runInNewContext(source, { require: sandboxRequire, module, exports: module.exports, console }, { filename: 'preload.cjs' });

    expect(new Set(required)).toEqual(new Set(['electron']));
    expect([...exposed.keys()]).toEqual(['hub']);
    const hub = exposed.get('hub') as HubClient;
    expect(new Set(Object.keys(hub))).toEqual(new Set([...Object.keys(OPERATIONS), 'onChange']));
    await expect(hub.getSettings()).resolves.toBe('settings:get');
    await expect(hub.getDelivery(3)).resolves.toBe('deliveries:get');
    // Packed for the bridge (which keeps only the message); the page's pickClient unpacks it.
    const rejection = await hub.getStats().catch((error: unknown) => error);
    expect(unpackHubError(rejection)).toMatchObject({ message: 'nope', code: 'internal', status: 500 });
    expect(invoked.slice(0, 2)).toEqual([{ channel: 'settings:get', args: [] }, { channel: 'deliveries:get', args: [3] }]);

    const changes: unknown[] = [];
    const off = hub.onChange((change) => changes.push(change));
    const forward = [...(listeners.get(CHANGE_CHANNEL) ?? [])];
    expect(forward).toHaveLength(1);
    forward[0]!({ sender: 'ipc event stays in the preload' }, { changed: 1, at: '2026-11-27T19:04:11.120Z' });
    expect(changes).toEqual([{ changed: 1, at: '2026-11-27T19:04:11.120Z' }]);
    off();
    expect(listeners.get(CHANGE_CHANNEL)?.size).toBe(0);
    expect([...listeners.keys()]).toEqual([CHANGE_CHANNEL]);
  });
});
