// Screenshots of the two main screens in a realistic state (docs/screenshots/*.png): a configured
// partner, a morning of checks, a few rejected, and the Update endpoint currently down.
import { checkLifecycle } from '../support/events.ts';
import { expect, test } from './hub-fixtures.ts';

test('screenshots of the Webhooks page and the Delivery log', async ({ adminPage: page, api, receiver }) => {
  await api.saveSettings({
    requestHeader: { name: 'X-API-Key', value: 'demo-partner-key-7c41' },
    hooks: {
      close: { url: `${receiver.url}/orders/close`, enabled: true },
      open: { url: `${receiver.url}/orders/open`, enabled: true },
      update: { url: `${receiver.url}/orders/update`, enabled: true },
    },
    thirdPartyOrders: true,
    retry: { maxAgeHours: 72 },
  });
  receiver.setMode((request) => (request.path.endsWith('/close') && request.body.includes('"checkNumber":"1043"') ? { kind: 'fail', status: 422, body: 'unknown table' } : { kind: 'ok', body: '{"ok":true}' }));
  const checks = [1041, 1042, 1043, 1044].flatMap((n) => checkLifecycle({ checkId: `c-${n}`, checkNumber: String(n), updates: 1, startAt: Date.now() - 3600_000 }));
  await api.ingest(checks);
  await receiver.waitFor(checks.length - 1, 20_000);

  // Now the Update endpoint goes down, with two checks waiting for it.
  receiver.setMode((request) => (request.path.endsWith('/update') ? { kind: 'fail', status: 503 } : { kind: 'ok' }));
  await api.ingest(checkLifecycle({ checkId: 'c-1045', checkNumber: '1045', updates: 2 }).slice(0, 3));

  const origin = new URL(page.url()).origin;
  await page.goto(`${origin}/#/integration-hub/order-webhook`);
  await expect(page.getByRole('alert').filter({ hasText: 'Partner not answering' })).toBeVisible();
  await expect(page.getByText('Ingest URL')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/webhooks.png', fullPage: true });

  await page.goto(`${origin}/#/deliveries`);
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: '1045' }).first()).toBeVisible();
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'failed' }).first()).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/delivery-log.png', fullPage: true });
});
