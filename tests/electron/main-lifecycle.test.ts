// The bundled desktop main under the stand-in `electron` (stub/): every way the app is stopped —
// Ctrl+C and other signals, Windows shutdown or log-off, a Linux/macOS system shutdown, Quit with
// unsaved changes — closes the real hub exactly once and seals the outbox; the unsaved-changes
// question never blocks the hub; notifications stay clickable; the Copy buttons may write the
// clipboard; a window that cannot load says so. Each run has its own data folder and process.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent } from '../support/events.ts';
import { startTestReceiver, type Receiver } from '../support/test-receiver.ts';
import { buildMainBundle, disposeMain, launchMain, type LaunchOptions, type MainProcess } from './main-process.ts';

interface Snapshot {
  windowVisible: boolean | null;
  loaded: string[];
  notifications: Array<{ title: string; body: string }>;
  dialogs: Array<{ kind: 'sync' | 'async'; type?: string; message: string; detail?: string; buttons: string[]; parentVisible?: boolean | null }>;
  errors: string[];
}

const QUIT = 'Quit (stops sending orders)';
let bundle: Awaited<ReturnType<typeof buildMainBundle>>;
const runs: MainProcess[] = [];

beforeAll(async () => {
  bundle = await buildMainBundle('main-lifecycle-test');
}, 60_000);

afterEach(async () => {
  for (const run of runs.splice(0)) await disposeMain(run);
});

afterAll(() => bundle?.remove());

async function launch(options: LaunchOptions = {}): Promise<MainProcess> {
  const run = await launchMain(bundle.outdir, options);
  runs.push(run);
  return run;
}

const hubLog = (run: MainProcess) => readFileSync(path.join(run.dataDir, 'logs', 'hub.log'), 'utf8');
const stoppedCount = (run: MainProcess) => hubLog(run).split('\n').filter((line) => line.includes('"hub stopped"')).length;
const sealed = (run: MainProcess) => existsSync(path.join(run.dataDir, 'hub.db.clean-stop'));
const snapshot = (run: MainProcess) => run.command<Snapshot>('snapshot');
const ingestUrl = (run: MainProcess) => /POS events to (\S+),/.exec(run.output())![1]!;

async function postEvent(run: MainProcess, token: string, checkId: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(ingestUrl(run), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(makeEvent({ type: 'check.opened', source: 'OLO', check: { checkId, checkNumber: '7001' } })),
  });
  return { status: response.status, ms: performance.now() - started };
}

async function expectStoppedOnce(run: MainProcess): Promise<void> {
  expect(await run.exited()).toBe(0);
  expect(stoppedCount(run)).toBe(1);
  expect(sealed(run)).toBe(true);
}

describe('stopping the desktop app', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} closes the hub once and exits 0`, async () => {
      const run = await launch();
      run.child.kill(signal);
      await expectStoppedOnce(run);
    });
  }

  it('a signal with unsaved changes on the page still stops, asking nothing', async () => {
    const run = await launch({ env: { STUB_SYNC_DIALOG_MS: '200' } });
    await run.command('page-unsaved', { unsaved: true });
    run.child.kill('SIGTERM');
    await expectStoppedOnce(run);
  });

  it('Windows shutdown, restart or log-off: query-session-end holds the session until the hub is closed', async () => {
    const run = await launch();
    await expect(run.command('window-event', { name: 'query-session-end', reasons: ['shutdown'] })).resolves.toEqual({ prevented: true });
    await expectStoppedOnce(run);
  });

  it('Windows session-end (a forced shutdown) closes the hub too', async () => {
    const run = await launch();
    await run.command('window-event', { name: 'session-end', reasons: ['logoff'] });
    await expectStoppedOnce(run);
  });

  it('a Linux or macOS system shutdown (powerMonitor) delays it until the hub is closed', async () => {
    const run = await launch();
    await expect(run.command('power-shutdown')).resolves.toEqual({ prevented: true });
    await expectStoppedOnce(run);
  });
});

describe('the desktop app in use', () => {
  let run: MainProcess;
  let token: string;

  beforeAll(async () => {
    // Set but empty, as a service template or a shell profile leaves them: they count as unset.
    run = await launchMain(bundle.outdir, { env: { HUB_POS_TOKEN: '', HUB_ADMIN_TOKEN: '', STUB_SYNC_DIALOG_MS: '3000' } });
  }, 60_000);

  afterAll(async () => disposeMain(run));

  it('generates the POS token when HUB_POS_TOKEN is set but empty', async () => {
    const revealed = await run.command<{ ok: boolean; value: { value: string } }>('invoke', { channel: 'pos-token:reveal', args: [], trusted: true });
    expect(revealed.ok).toBe(true);
    token = revealed.value.value;
    expect(token.length).toBeGreaterThanOrEqual(20);
    expect((await postEvent(run, token, 'c-token')).status).toBe(202);
    expect((await postEvent(run, '', 'c-empty')).status).toBe(401);
  });

  it('lets the Copy buttons write the clipboard from our page, and nothing else', async () => {
    const own = (await snapshot(run)).loaded[0]!;
    await expect(run.command('permission-request', { permission: 'clipboard-sanitized-write', url: `${own}#/integration-hub` })).resolves.toEqual({ granted: true });
    await expect(run.command('permission-check', { permission: 'clipboard-sanitized-write', url: own })).resolves.toEqual({ granted: true });
    await expect(run.command('permission-request', { permission: 'clipboard-read', url: own })).resolves.toEqual({ granted: false });
    await expect(run.command('permission-request', { permission: 'media', url: own })).resolves.toEqual({ granted: false });
    await expect(run.command('permission-request', { permission: 'clipboard-sanitized-write', url: 'https://partner.example/' })).resolves.toEqual({ granted: false });
    await expect(run.command('permission-request', { permission: 'clipboard-sanitized-write', url: own, fromOwnWindow: false })).resolves.toEqual({ granted: false });
    await expect(run.command('permission-check', { permission: 'clipboard-sanitized-write', url: 'file:///tmp/other.html' })).resolves.toEqual({ granted: false });
  });

  it('a reload with unsaved changes goes ahead without a question', async () => {
    await run.command('page-unsaved', { unsaved: true });
    await expect(run.command('reload')).resolves.toEqual({ reloaded: true });
    expect((await snapshot(run)).dialogs).toEqual([]);
  });

  it('Quit with unsaved changes asks without blocking the hub: POS events are answered while it is open', async () => {
    await run.command('close-window'); // in the tray
    void run.command('tray-click', { label: QUIT });
    expect(await run.dialogOpened(0)).toBe('async');
    const during = await postEvent(run, token, 'c-during-dialog');
    expect(during.status).toBe(202);
    expect(during.ms).toBeLessThan(1_000); // a synchronous dialog held it for its whole 3 s
    const state = await snapshot(run);
    expect(state.dialogs).toEqual([expect.objectContaining({ kind: 'async', message: 'You have unsaved changes on this page.', buttons: ['Discard changes', 'Keep editing'] })]);
    expect(state.dialogs[0]!.parentVisible).toBe(true); // brought back from the tray to ask
  });

  it('"Keep editing" keeps the app and the hub running', async () => {
    await expect(run.command('answer-dialog', { response: 1 })).resolves.toEqual({ answered: true });
    expect((await postEvent(run, token, 'c-kept')).status).toBe(202);
    await expect(run.command('close-window')).resolves.toEqual({ prevented: true }); // closing hides to the tray again
  });

  it('"Discard changes" quits: the hub closes once', async () => {
    void run.command('tray-click', { label: QUIT });
    expect(await run.dialogOpened(1)).toBe('async');
    await run.command('answer-dialog', { response: 0 });
    await expectStoppedOnce(run);
  });
});

describe('notifications', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startTestReceiver({ mode: { kind: 'fail', status: 410 } });
  });
  afterAll(async () => receiver?.close());

  it('a click still opens the window after the notification object would have been collected', async () => {
    const run = await launch({ execArgv: ['--expose-gc'], env: { HUB_POS_TOKEN: 'pos-token-for-notifications' } });
    const saved = await run.command<{ ok: boolean }>('invoke', { channel: 'settings:save', trusted: true, args: [{
      requestHeader: { name: '', value: '' },
      hooks: { open: { url: `${receiver.url}/gone`, enabled: true }, update: { url: '', enabled: false }, close: { url: '', enabled: false } },
      thirdPartyOrders: false,
    }] });
    expect(saved.ok).toBe(true);
    await run.command('close-window'); // in the tray, where a notification is how the manager hears of it
    expect((await postEvent(run, 'pos-token-for-notifications', 'c-gone')).status).toBe(202);
    await expect.poll(async () => (await snapshot(run)).notifications.findIndex((n) => n.title.endsWith('partner asked to stop')), { timeout: 15_000 }).toBeGreaterThanOrEqual(0);
    const index = (await snapshot(run)).notifications.findIndex((n) => n.title.endsWith('partner asked to stop'));
    expect((await snapshot(run)).windowVisible).toBe(false);

    await expect(run.command('gc')).resolves.toEqual({ collected: true });
    await expect(run.command('click-notification', { index })).resolves.toEqual({ delivered: true });
    expect((await snapshot(run)).windowVisible).toBe(true);
    // Once clicked it is let go: no notification is kept forever.
    await run.command('gc');
    await expect(run.command('click-notification', { index })).resolves.toEqual({ delivered: false });
  });
});

describe('a window that cannot load', () => {
  it('says so in a dialog and in the log instead of sitting invisible in the tray', async () => {
    const run = await launch({ env: { STUB_LOAD_FAIL: '1' } });
    expect(await run.dialogOpened(0)).toBe('async');
    const state = await snapshot(run);
    expect(state.dialogs[0]).toMatchObject({ kind: 'async', type: 'error', message: 'Order Webhook Hub could not open its window.', buttons: ['Try again', 'Quit', 'Keep running in the tray'] });
    expect(state.dialogs[0]!.detail).toContain('ERR_FILE_NOT_FOUND');
    expect(hubLog(run)).toMatch(/"msg":"the window could not load [^"]*ERR_FILE_NOT_FOUND/);
    await run.command('answer-dialog', { response: 0 });
    await expect.poll(async () => (await snapshot(run)).loaded.length).toBe(2);
    expect(await run.dialogOpened(1)).toBe('async');
    await run.command('answer-dialog', { response: 1 });
    await expectStoppedOnce(run);
  });
});
