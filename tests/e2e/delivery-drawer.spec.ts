// The detail drawer against a real hub: payload and attempts, Retry now for a waiting delivery,
// Re-send for one the partner rejected.
import { makeEvent } from '../support/events.ts';
import { expect, test } from './hub-fixtures.ts';

test('Re-send a rejected delivery and Retry now a waiting one from the drawer', async ({ adminPage: page, api, receiver }) => {
  await api.saveSettings({
    requestHeader: { name: 'X-API-Key', value: 'k-drawer' },
    hooks: { open: { url: '', enabled: false }, update: { url: `${receiver.url}/update`, enabled: true }, close: { url: `${receiver.url}/close`, enabled: true } },
    thirdPartyOrders: false,
  });
  await page.goto(`${new URL(page.url()).origin}/#/deliveries`);

  // The partner rejects it (400): failed at once, nothing retried until a manager re-sends.
  receiver.setMode({ kind: 'fail', status: 400, body: '{"error":"unknown store"}' });
  await api.ingest([makeEvent({ type: 'check.closed', check: { checkId: 'c-dr-1', checkNumber: '7001', status: 'CLOSED' } })]);
  const failedRow = page.getByRole('table').getByRole('row').filter({ hasText: '7001' });
  await expect(failedRow).toContainText('failed');
  await failedRow.getByRole('button', { name: /Open delivery/ }).click();
  let drawer = page.getByRole('dialog', { name: /Delivery #\d+/ });
  await expect(drawer.getByText('Attempt 1')).toBeVisible();
  await expect(drawer.getByText(/HTTP 400/).first()).toBeVisible();
  await expect(drawer.getByText('"checkNumber": "7001"')).toBeVisible();
  await drawer.getByText('Request headers').first().click();
  await expect(drawer.getByText('x-api-key', { exact: false }).first()).toBeVisible();
  await expect(drawer).not.toContainText('k-drawer');

  receiver.setMode({ kind: 'ok' });
  await drawer.getByRole('button', { name: 'Re-send' }).click();
  await expect(drawer.getByText(/Re-sent as a new delivery #\d+/)).toBeVisible();
  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: /Open delivery \d+, check 7001, failed/ })).toBeFocused();
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: '7001' }).filter({ hasText: 'delivered' })).toHaveCount(1);

  // The partner is down (503): the delivery waits; Retry now sends it as soon as it answers.
  receiver.setMode({ kind: 'fail', status: 503 });
  await api.ingest([makeEvent({ type: 'check.updated', check: { checkId: 'c-dr-2', checkNumber: '7002' } })]);
  const waitingRow = page.getByRole('table').getByRole('row').filter({ hasText: '7002' });
  await expect(waitingRow).toContainText('retrying');
  receiver.setMode({ kind: 'ok' });
  await waitingRow.getByRole('button', { name: /Open delivery/ }).click();
  drawer = page.getByRole('dialog', { name: /Delivery #\d+/ });
  await drawer.getByRole('button', { name: 'Retry now' }).click();
  await expect(drawer.locator('.state').first()).toHaveText('delivered');
  await expect(drawer.getByText(/HTTP 200/).first()).toBeVisible();
});
