// The manager's path through Integration Hub → Monitoring against a real hub and a real browser:
// set head office's URL, key, interval and store name, save, and see the heartbeat arrive with the
// key; generate the signing secret and see the next heartbeat verify with it; bad input saves
// nothing; and no serious accessibility violation (axe-core).
import AxeBuilder from '@axe-core/playwright';
import { Webhook } from 'standardwebhooks';
import type { MonitoringView } from '../../shared/monitoring.ts';
import { expect, test } from './hub-fixtures.ts';

const isHeartbeat = (request: { json: unknown }) => (request.json as { type?: string } | undefined)?.type === 'hub.heartbeat';

test('set up monitoring in the UI; the heartbeat arrives with the key; Send heartbeat now shows the answer, signed', async ({ adminPage: page, api, receiver }) => {
  await page.getByRole('link', { name: /Integration Hub/ }).first().click();
  await page.getByRole('link', { name: /Monitoring/ }).click();
  await expect(page.getByRole('heading', { name: 'Monitoring', level: 1 })).toBeVisible();
  await expect(page.getByText('Off: no heartbeat URL is saved.')).toBeVisible();

  await page.getByLabel('Heartbeat URL').fill(`${receiver.url}/hubs`);
  await page.getByLabel('API Key').fill('X-Head-Office-Key');
  await page.getByLabel('Value').fill('head-office-secret-7c1d');
  await page.getByLabel('Interval (seconds)').fill('60');
  await page.getByLabel('Store name').fill('Store 042 Main St');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved. A heartbeat is on its way to head office.' })).toBeVisible();

  const [first] = await receiver.waitFor(isHeartbeat, 5_000);
  expect(first!.path).toBe('/hubs');
  expect(first!.headers['x-head-office-key']).toBe('head-office-secret-7c1d');
  expect((first!.json as { data: { storeName: string } }).data.storeName).toBe('Store 042 Main St');
  await expect(page.getByLabel('Value')).toHaveValue('');
  expect(await page.content()).not.toContain('head-office-secret-7c1d');

  await page.getByRole('button', { name: 'Generate secret' }).click();
  const secret = (await page.locator('.new-secret code').textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);
  await page.getByRole('button', { name: 'Send heartbeat now' }).click();
  await expect(page.getByText('Heartbeat delivered.')).toBeVisible();
  await expect(page.getByText(/Head office answered 200 in \d+ ms/)).toBeVisible();
  const signed = (await receiver.waitFor(isHeartbeat, 5_000, 2))[1]!;
  const heartbeat = new Webhook(secret).verify(signed.body, signed.headers) as { data: { hubId: string } };
  const saved = await api.get<MonitoringView>('/api/monitoring');
  expect(heartbeat.data.hubId).toBe(saved.hubId);
  expect(saved).toMatchObject({ url: `${receiver.url}/hubs`, intervalSeconds: 60, requestHeader: { name: 'X-Head-Office-Key', hasValue: true } });
});

test('bad input shows its error on the field, moves focus there and saves nothing', async ({ adminPage: page, api }) => {
  const before = await api.get<MonitoringView>('/api/monitoring');
  await page.goto(`${new URL(page.url()).origin}/#/integration-hub/monitoring`);
  await page.getByLabel('Heartbeat URL').fill('ftp://head-office.example/hubs');
  await page.getByLabel('Interval (seconds)').fill('5');
  await page.getByLabel('Store name').fill('S'.repeat(61));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Only http:// and https:// addresses can receive webhooks')).toBeVisible();
  await expect(page.getByText('Send a heartbeat every 10 to 3600 seconds (a whole number)')).toBeVisible();
  await expect(page.getByText('A store name is at most 60 characters')).toBeVisible();
  await expect(page.getByLabel('Heartbeat URL')).toBeFocused();
  expect(await api.get<MonitoringView>('/api/monitoring')).toEqual(before);
});

test('no serious or critical accessibility violations on the Monitoring page, with errors and an answer showing', async ({ adminPage: page, api, receiver }) => {
  await api.put('/api/monitoring', { url: `${receiver.url}/hubs`, requestHeader: { name: 'X-Head-Office-Key', value: 'head-office-secret-7c1d' }, intervalSeconds: 60, storeName: 'Store 042' });
  await page.goto(`${new URL(page.url()).origin}/#/integration-hub/monitoring`);
  await page.getByRole('button', { name: 'Send heartbeat now' }).click();
  await expect(page.getByText('Heartbeat delivered.')).toBeVisible();
  await page.getByLabel('Interval (seconds)').fill('5');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Send a heartbeat every 10 to 3600 seconds (a whole number)')).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
});
