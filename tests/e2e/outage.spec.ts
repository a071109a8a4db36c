// A partner goes down and comes back: the banner says so with how many wait, the queue grows, and
// once the partner answers again the queue drains to zero and the rows show delivered.
import { makeEvent } from '../support/events.ts';
import { startTestReceiver } from '../support/test-receiver.ts';
import { expect, test } from './hub-fixtures.ts';

test('partner outage: banner and queue grow, then drain after it heals', async ({ adminPage: page, api, receiver }) => {
  await api.saveSettings({
    requestHeader: { name: 'X-API-Key', value: 'k-outage' },
    hooks: { open: { url: '', enabled: false }, update: { url: `${receiver.url}/update`, enabled: true }, close: { url: '', enabled: false } },
    thirdPartyOrders: false,
  });
  receiver.setMode({ kind: 'fail', status: 503 });
  await page.goto(`${new URL(page.url()).origin}/#/deliveries`);
  await expect(page.getByText('No deliveries yet.', { exact: false })).toBeVisible();

  await api.ingest([1, 2, 3].map((n) => makeEvent({ type: 'check.updated', check: { checkId: `c-out-${n}`, checkNumber: `50${n}` } })));

  const banner = page.getByRole('alert').filter({ hasText: 'Partner not answering' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Update Order Web Hooks');
  await expect(banner).toContainText('3 orders waiting');
  const glance = page.getByRole('region', { name: 'At a glance' });
  await expect(glance.locator('.queue-number')).toHaveText('3');
  await expect(glance.getByRole('list', { name: 'Endpoint health' })).toContainText(/Not answering since/);
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'retrying' }).first()).toBeVisible();

  receiver.setMode({ kind: 'ok' });
  await expect(glance.locator('.queue-number')).toHaveText('0', { timeout: 45_000 });
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'delivered' })).toHaveCount(3);
  expect((await api.stats()).queueDepth).toBe(0);
});

test('partner closed entirely (connection refused): banner, then it drains when the partner is back', async ({ adminPage: page, api, receiver }) => {
  const port = receiver.port;
  await api.saveSettings({
    requestHeader: { name: 'X-API-Key', value: 'k-closed' },
    hooks: { open: { url: `${receiver.url}/open`, enabled: true }, update: { url: '', enabled: false }, close: { url: '', enabled: false } },
    thirdPartyOrders: true,
  });
  await receiver.close();
  await page.goto(`${new URL(page.url()).origin}/#/deliveries`);
  await api.ingest([1, 2].map((n) => makeEvent({ type: 'check.opened', source: 'OLO', check: { checkId: `c-gone-${n}`, checkNumber: `60${n}` } })));

  const banner = page.getByRole('alert').filter({ hasText: 'Partner not answering' });
  await expect(banner).toContainText('2 orders waiting');
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'retrying' }).first()).toBeVisible();

  const back = await startTestReceiver({ port });
  try {
    await back.waitFor(2, 45_000);
    await expect(banner).toHaveCount(0);
    await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'delivered' })).toHaveCount(2);
    expect(back.requests.every((request) => request.headers['x-api-key'] === 'k-closed')).toBe(true);
  } finally {
    await back.close();
  }
});
