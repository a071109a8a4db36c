// Recovery after a partner fixed its side: re-send every failed delivery of a hook in bulk — the
// count first, a confirmation, then the copies arrive and the originals read "Re-sent → delivered".
import { makeEvent } from '../support/events.ts';
import { expect, test } from './hub-fixtures.ts';

test('bulk re-send queues every failed delivery of the hook again, and they arrive', async ({ adminPage: page, api, receiver }) => {
  await api.saveSettings({
    requestHeader: { name: '', value: '' },
    hooks: { open: { url: '', enabled: false }, update: { url: `${receiver.url}/update`, enabled: true }, close: { url: '', enabled: false } },
    thirdPartyOrders: false,
  });
  receiver.setMode({ kind: 'fail', status: 401, body: 'bad key' });
  await api.ingest([1, 2, 3].map((n) => makeEvent({ check: { checkId: `c-bulk-${n}`, checkNumber: `800${n}` } })));
  await page.goto(`${new URL(page.url()).origin}/#/deliveries`);
  const filters = page.getByRole('search', { name: 'Filter deliveries' });
  await filters.getByLabel('State').selectOption('failed');
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'failed' })).toHaveCount(3);

  receiver.setMode({ kind: 'ok' });
  await page.getByText('Re-send in bulk').click();
  const form = page.getByRole('form', { name: 'Re-send in bulk' });
  await form.getByRole('combobox', { name: /^Hook/ }).selectOption('update');
  await form.getByRole('button', { name: 'Re-send' }).click();
  const confirm = page.getByRole('dialog', { name: 'Re-send 3 deliveries?' });
  await expect(confirm).toContainText('Update Order Web Hooks');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  expect(receiver.requests).toHaveLength(3);
  await confirm.getByRole('button', { name: 'Re-send 3 deliveries' }).click();
  await expect(form.getByText('3 deliveries queued again.')).toBeVisible();
  await receiver.waitFor(6, 15_000);
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'Re-sent → delivered' })).toHaveCount(3);

  await filters.getByLabel('State').selectOption('delivered');
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'delivered' })).toHaveCount(3);
});
