// The desktop app end to end: launch Electron on a fresh data folder, configure a hook in the
// Webhooks page, send a POS event to the LAN ingest API, and see it delivered in the log.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OPERATIONS } from '../../shared/client.ts';
import { makeEvent } from '../support/events.ts';
import { startTestReceiver, type Receiver } from '../support/test-receiver.ts';
import { electronBinary, prepareApp, root } from './electron-app.ts';

const binary = electronBinary();
const POS_TOKEN = 'pos-token-for-electron-e2e';

test.describe('desktop app', () => {
  test.skip('missing' in binary, `Electron binary not installed: ${'missing' in binary ? binary.missing : ''}`);

  let app: ElectronApplication;
  let page: Page;
  let receiver: Receiver;
  let dataDir: string;

  test.beforeAll(async () => {
    const notReady = prepareApp();
    test.skip(notReady !== null, `Electron app could not be prepared: ${notReady}`);
    receiver = await startTestReceiver();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'electron-e2e-'));
    app = await electron.launch({
      executablePath: 'path' in binary ? binary.path : undefined,
      args: [
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), // Chromium refuses root with its sandbox (CI containers)
        root, '--data-dir', dataDir, '--ingest-host', '127.0.0.1', '--ingest-port', '0',
      ],
      env: { ...process.env, HUB_POS_TOKEN: POS_TOKEN, ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    await receiver?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('the renderer is locked down: no Node, only window.hub', async () => {
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((window as unknown as { hub: object }).hub).sort())).toContain('onChange');
    const ops = await page.evaluate(() => Object.keys((window as unknown as { hub: object }).hub));
    expect(new Set(ops)).toEqual(new Set([...Object.keys(OPERATIONS), 'onChange']));
    // Pages cannot open windows: the handler denies them.
    expect(await page.evaluate(() => window.open('https://partner.example/') === null)).toBe(true);
  });

  test('configure a hook, send a POS event, see it delivered', async () => {
    await page.getByRole('link', { name: /Integration Hub/ }).first().click();
    await page.getByRole('link', { name: /Order webhook/ }).click();
    await expect(page.getByRole('heading', { name: 'Webhooks' })).toBeVisible();
    await page.getByLabel('API Key').fill('X-API-Key');
    await page.getByLabel('Value').fill('partner-secret-electron');
    const open = page.getByRole('group', { name: 'Open Order Web Hooks', exact: true });
    await open.getByLabel('URL').fill(`${receiver.url}/open`);
    await open.getByRole('radio', { name: 'YES' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

    const { ingestUrls } = await page.evaluate(() => (window as unknown as { hub: { getConnection(): Promise<{ ingestUrls: string[] }> } }).hub.getConnection());
    const ingestUrl = ingestUrls.find((url) => url.includes('127.0.0.1')) ?? ingestUrls[0]!;
    const response = await fetch(ingestUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${POS_TOKEN}` },
      body: JSON.stringify(makeEvent({ type: 'check.opened', source: 'OLO', check: { checkId: 'c-desktop-1', checkNumber: '9001' } })),
    });
    expect(response.status).toBe(202);
    const [request] = await receiver.waitFor(1, 15_000);
    expect(request!.headers['x-api-key']).toBe('partner-secret-electron');

    await page.getByRole('link', { name: 'Delivery log' }).first().click();
    const row = page.getByRole('table').getByRole('row').filter({ hasText: '9001' });
    await expect(row).toHaveCount(1);
    await expect(row.filter({ hasText: 'delivered' })).toHaveCount(1);
  });

  test('closing the window hides it to the tray; the hub keeps delivering', async () => {
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([false]);
    receiver.clear();
    const { ingestUrls } = await page.evaluate(() => (window as unknown as { hub: { getConnection(): Promise<{ ingestUrls: string[] }> } }).hub.getConnection());
    const response = await fetch(ingestUrls.find((url) => url.includes('127.0.0.1')) ?? ingestUrls[0]!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${POS_TOKEN}` },
      body: JSON.stringify(makeEvent({ type: 'check.opened', source: 'OLO', check: { checkId: 'c-desktop-2', checkNumber: '9002' } })),
    });
    expect(response.status).toBe(202);
    await receiver.waitFor(1, 15_000);
  });
});
