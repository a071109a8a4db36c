// The bundled desktop main (dist-electron/main.js as `npm start` builds it) run under plain Node
// with a stand-in `electron` module (stub/): proves the bundle loads, starts the real hub from the
// data folder with the safeStorage codec, locks the window down, answers IPC only for its own
// renderer, keeps running in the tray when the window closes, and quits cleanly.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_CHANNEL, OPERATIONS, type HubClient, unpackHubError } from '../../shared/client.ts';
import { makeEvent } from '../support/events.ts';
import { trayIconNames } from '../../electron/desktop/tray-icons.ts';
import { buildMainBundle, disposeMain, launchMain, type MainProcess } from './main-process.ts';

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

let bundle: Awaited<ReturnType<typeof buildMainBundle>>;
let main: MainProcess;
let outdir: string;
let dataDir: string;
const command = (type: string, extra: Record<string, unknown> = {}) => main.command(type, extra);
const invoke = (channel: string, args: unknown[], trusted = true) => command('invoke', { channel, args, trusted });

beforeAll(async () => {
  bundle = await buildMainBundle('main-bundle-test');
  outdir = bundle.outdir;
  main = await launchMain(outdir, { env: { HUB_POS_TOKEN: 'pos-token-for-main-bundle-test' } });
  dataDir = main.dataDir;
}, 60_000);

afterAll(async () => {
  await disposeMain(main);
  bundle?.remove();
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
    expect(state.loaded).toEqual([`file://${path.join(main.appRoot, 'dist', 'renderer', 'index.html')}`]);
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
    const ingestUrl = /POS events to (\S+),/.exec(main.output())?.[1];
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
    await expect(command('tray-click', { label: 'Quit (stops sending orders)' })).resolves.toEqual({ clicked: true });
    expect(await main.exited()).toBe(0);
    // Not started from a terminal: the hub logs to <data folder>/logs/hub.log, to the last line.
    expect(readFileSync(path.join(dataDir, 'logs', 'hub.log'), 'utf8')).toContain('hub stopped');
  }, 30_000);
});

/** RGBA pixels of a PNG as scripts/make-icons.mjs writes them (8-bit RGBA, filter 0 rows). */
function pixels(file: string): Array<[number, number, number, number]> {
  const png = readFileSync(file);
  const chunks: Buffer[] = [];
  let width = 0;
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') width = data.readUInt32BE(0);
    if (type === 'IDAT') chunks.push(data);
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(chunks));
  const out: Array<[number, number, number, number]> = [];
  for (let row = 0; row * (width * 4 + 1) < rows.length; row++) {
    for (let x = 0; x < width; x++) {
      const at = row * (width * 4 + 1) + 1 + x * 4;
      out.push([rows[at]!, rows[at + 1]!, rows[at + 2]!, rows[at + 3]!]);
    }
  }
  return out;
}

describe('tray icons in the bundle', () => {
  it('has each platform\'s icons with their @2x variants; macOS gets black-and-alpha Template images', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const names = trayIconNames(platform);
      for (const name of [names.ok, names.alert]) {
        for (const file of [name, name.replace('.png', '@2x.png')]) expect(readFileSync(path.join(outdir, 'icons', file)).length).toBeGreaterThan(0);
      }
    }
    const mac = trayIconNames('darwin');
    expect(mac.template).toBe(true);
    expect(trayIconNames('win32').template).toBe(false);
    for (const name of [mac.ok, mac.alert]) {
      expect(name).toMatch(/Template\.png$/); // how Electron knows to treat it as a template
      const image = pixels(path.join(outdir, 'icons', name.replace('.png', '@2x.png')));
      expect(image.every(([r, g, b]) => r === 0 && g === 0 && b === 0)).toBe(true);
      expect(image.some(([, , , a]) => a === 255) && image.some(([, , , a]) => a === 0)).toBe(true);
    }
  });
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
