// The detail drawer against a real hub: payload and attempts, Retry now for a waiting delivery,
// Re-send for one the partner rejected (it warns the partner refused the last one; the copy is
// marked in the log and links to its original, which then reads "Re-sent → delivered"), and a
// re-send of a delivered order that asks first.
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
  await expect(failedRow).toContainText('Failed');
  await failedRow.getByRole('button', { name: /open check 7001/ }).click();
  let drawer = page.getByRole('dialog', { name: 'Check 7001 · Close Order Web Hooks' });
  await expect(drawer.getByText('Attempt 1')).toBeVisible();
  await expect(drawer.getByText(/HTTP 400/).first()).toBeVisible();
  await drawer.getByText('Exact JSON sent to the partner').click();
  await expect(drawer.getByText('"checkNumber": "7001"')).toBeVisible();
  await drawer.getByText('Request headers').first().click();
  await expect(drawer.getByText('x-api-key', { exact: false }).first()).toBeVisible();
  await expect(drawer).not.toContainText('k-drawer');

  receiver.setMode({ kind: 'ok' });
  await drawer.getByRole('button', { name: 'Re-send' }).click();
  const warning = page.getByRole('dialog', { name: 'Send check 7001 again?' });
  await expect(warning).toContainText("The partner's last answer on Close Order Web Hooks was HTTP 400: the partner cannot use the orders as sent.");
  await expect(warning).toContainText('will most likely be refused again');
  await warning.getByRole('button', { name: 'Re-send anyway' }).click();
  await expect(drawer.getByText(/Re-sent as a copy/)).toBeVisible();
  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: /open check 7001, Close, Failed/ })).toBeFocused();
  const copyRow = page.getByRole('table').getByRole('row').filter({ hasText: '7001' }).filter({ has: page.getByRole('button', { name: /Copy of an earlier delivery/ }) });
  await expect(copyRow).toHaveCount(1);
  await expect(copyRow).toContainText('Delivered');
  // The original is resolved by its delivered copy.
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: '7001' }).filter({ hasText: 'Re-sent → delivered' })).toHaveCount(1);

  // The copy is marked in the log and leads back to the original.
  await copyRow.getByRole('button', { name: /Copy of an earlier delivery of check 7001/ }).click();
  drawer = page.getByRole('dialog', { name: 'Check 7001 · Close Order Web Hooks' });
  await expect(drawer.locator('.state').first()).toHaveText('Failed');
  await drawer.getByRole('button', { name: 'Close' }).click();

  // Re-sending the delivered copy asks first, and Cancel sends nothing.
  await copyRow.getByRole('button', { name: /open check 7001/ }).click();
  drawer = page.getByRole('dialog', { name: 'Check 7001 · Close Order Web Hooks' });
  await expect(drawer.locator('.state').first()).toHaveText('Delivered');
  const before = receiver.requests.length;
  await drawer.getByRole('button', { name: 'Re-send' }).click();
  const confirm = page.getByRole('dialog', { name: 'Send check 7001 again?' });
  await expect(confirm).toContainText('new webhook-id');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: '7001' })).toHaveCount(2);
  await drawer.getByRole('button', { name: 'Re-send' }).click();
  await page.getByRole('dialog', { name: 'Send check 7001 again?' }).getByRole('button', { name: 'Send it again' }).click();
  await receiver.waitFor(before + 1, 15_000);
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: '7001' })).toHaveCount(3);
  await drawer.getByRole('button', { name: 'Close' }).click();

  // The partner is down (503): the delivery waits; Retry now sends it as soon as it answers.
  receiver.setMode({ kind: 'fail', status: 503 });
  await api.ingest([makeEvent({ type: 'check.updated', check: { checkId: 'c-dr-2', checkNumber: '7002' } })]);
  const waitingRow = page.getByRole('table').getByRole('row').filter({ hasText: '7002' });
  await expect(waitingRow).toContainText('Retrying');
  receiver.setMode({ kind: 'ok' });
  await waitingRow.getByRole('button', { name: /open check 7002/ }).click();
  drawer = page.getByRole('dialog', { name: /Check 7002/ });
  await drawer.getByRole('button', { name: 'Retry now' }).click();
  await expect(drawer.locator('.state').first()).toHaveText('Delivered');
  await expect(drawer.getByText(/HTTP 200/).first()).toBeVisible();
});
