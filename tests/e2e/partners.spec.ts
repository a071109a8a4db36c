// Several partners through the UI against a real hub (issue 13): add a second partner with a
// backfill counted before it is confirmed, orders reach both partners with their own headers, one
// goes down and the banner names it while the other keeps receiving, then it is removed with the
// confirm dialog and its cancelled deliveries stay in the log under its name.
import { makeEvent } from '../support/events.ts';
import { startTestReceiver, type RecordedRequest } from '../support/test-receiver.ts';
import { expect, test } from './hub-fixtures.ts';

const checkNumber = (request: RecordedRequest) => ((request.json as { data?: { check?: { checkNumber?: string } } }).data?.check?.checkNumber ?? '');

test('add a second partner with a backfill, both receive with their own headers, one goes down alone, then it is removed', async ({ adminPage: page, api, receiver }) => {
  test.setTimeout(150_000);
  const loyalty = await startTestReceiver();
  try {
    await api.saveSettings({
      requestHeader: { name: 'X-API-Key', value: 'first-partner-key' },
      hooks: { open: { url: '', enabled: false }, update: { url: `${receiver.url}/update`, enabled: true }, close: { url: '', enabled: false } },
      thirdPartyOrders: false,
    });
    // Two orders from before the second partner exists: the backfill sends it those.
    await api.ingest([1, 2].map((n) => makeEvent({ check: { checkId: `c-before-${n}`, checkNumber: `310${n}` } })));
    await receiver.waitFor(2, 15_000);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integration Hub' }).click();
    await expect(page.getByRole('list', { name: 'Partners' }).getByRole('listitem')).toHaveCount(1);
    await page.getByRole('link', { name: 'Add partner' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Add partner' })).toBeVisible();
    await page.getByLabel('Partner name').fill('Loyalty Co');
    await page.getByLabel('API Key').fill('X-Loyalty-Key');
    await page.getByLabel('Value').fill('loyalty-secret-5e1d');
    const update = page.getByRole('group', { name: 'Update Order Web Hooks', exact: true });
    await update.getByLabel('URL').fill(`${loyalty.url}/orders`);
    await update.getByRole('radio', { name: 'YES' }).check();
    await page.getByRole('checkbox', { name: 'Also send the orders of the last 24 hours' }).check();
    await expect(page.getByText('2 orders would be queued for this partner', { exact: false })).toBeVisible();
    await page.getByRole('button', { name: 'Add partner' }).click();
    const confirm = page.getByRole('dialog', { name: 'Add Loyalty Co and send 2 orders?' });
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Add and send 2 orders' }).click();
    await expect(page.getByRole('status', { name: 'Partner added' })).toContainText('2 orders of the last 24 hours were queued for it.');

    // The backfill reaches the new partner, in POS order, with its own header only.
    const backfilled = await loyalty.waitFor(2, 15_000);
    expect(backfilled.map(checkNumber)).toEqual(['3101', '3102']);
    for (const request of backfilled) {
      expect(request.headers['x-loyalty-key']).toBe('loyalty-secret-5e1d');
      expect(request.headers['x-api-key']).toBeUndefined();
    }

    // A new order goes to both, each with its own header.
    await api.ingest([makeEvent({ check: { checkId: 'c-both', checkNumber: '3200' } })]);
    const [toFirst] = await receiver.waitFor((r) => checkNumber(r) === '3200', 15_000);
    const [toLoyalty] = await loyalty.waitFor((r) => checkNumber(r) === '3200', 15_000);
    expect(toFirst!.headers['x-api-key']).toBe('first-partner-key');
    expect(toFirst!.headers['x-loyalty-key']).toBeUndefined();
    expect(toLoyalty!.headers['x-loyalty-key']).toBe('loyalty-secret-5e1d');
    expect(toFirst!.headers['webhook-id']).not.toBe(toLoyalty!.headers['webhook-id']);

    // Loyalty Co goes down: the banner names it and its hook; the first partner keeps receiving.
    loyalty.setMode({ kind: 'fail', status: 503, retryAfter: '300' });
    await page.goto(`${new URL(page.url()).origin}/#/`);
    await api.ingest([3, 4, 5].map((n) => makeEvent({ check: { checkId: `c-down-${n}`, checkNumber: `330${n}` } })));
    const banner = page.getByRole('alert').filter({ hasText: 'Loyalty Co — Update Order Web Hooks not answering' });
    await expect(banner).toContainText('3 waiting');
    await expect(page.getByRole('alert')).toHaveCount(1);
    const startedAt = Date.now();
    await api.ingest([makeEvent({ check: { checkId: 'c-alive', checkNumber: '3400' } })]);
    await receiver.waitFor((r) => checkNumber(r) === '3400', 5_000);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    const health = page.getByRole('list', { name: 'Partner health' });
    await expect(health.getByRole('listitem').filter({ hasText: 'Order webhook' })).toContainText('Up');
    await expect(health.getByRole('listitem').filter({ hasText: 'Loyalty Co' })).toContainText(/not answering since/);
    await expect(page.getByRole('banner').getByRole('link', { name: /^Status:/ })).toHaveAccessibleName(/Status: Loyalty Co not answering, .*4 waiting/);

    // The log names the partner of each delivery.
    await page.goto(`${new URL(page.url()).origin}/#/deliveries`);
    const filters = page.getByRole('search', { name: 'Filter deliveries' });
    await filters.getByLabel('Partner').selectOption({ label: 'Loyalty Co' });
    const table = page.getByRole('table');
    await expect(table.getByRole('row').filter({ hasText: '3101' })).toHaveCount(1);
    await expect(table.getByRole('row').filter({ hasText: 'Order webhook' })).toHaveCount(0);
    await expect(table.getByRole('row').filter({ hasText: 'Retrying' }).first()).toContainText('Loyalty Co');

    // Remove it from its page: the dialog says what it cancels.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integration Hub' }).click();
    await page.getByRole('list', { name: 'Partners' }).getByRole('link', { name: 'Loyalty Co' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Loyalty Co' })).toBeVisible();
    await page.getByRole('button', { name: 'Remove Loyalty Co' }).click();
    const removing = page.getByRole('dialog', { name: 'Remove Loyalty Co?' });
    // Its three orders that came in while it was down, and the one after them.
    await expect(removing).toContainText('4 waiting deliveries to Loyalty Co are cancelled');
    await expect(removing.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await removing.getByRole('button', { name: 'Remove Loyalty Co' }).click();
    const removed = page.getByRole('status', { name: 'Partner removed' });
    await expect(removed).toContainText('4 waiting deliveries were cancelled');
    await expect(page.getByRole('alert').filter({ hasText: 'Loyalty Co' })).toHaveCount(0);

    // They stay in the log under its name; the store is back to one partner.
    await removed.getByRole('link', { name: 'Show its cancelled deliveries' }).click();
    const rows = page.getByRole('table').getByRole('row').filter({ hasText: 'Cancelled' });
    await expect(rows).toHaveCount(4);
    await expect(rows.first()).toContainText('Loyalty Co');
    const before = loyalty.requests.length;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integration Hub' }).click();
    await expect(page.getByRole('list', { name: 'Partners' }).getByRole('listitem')).toHaveCount(1);
    await api.ingest([makeEvent({ check: { checkId: 'c-after', checkNumber: '3500' } })]);
    await receiver.waitFor((r) => checkNumber(r) === '3500', 15_000);
    expect(loyalty.requests.length).toBe(before);
    const partners = await api.get<{ id: string; name: string }[]>('/api/partners');
    expect(partners.map((p) => p.name)).toEqual(['Order webhook']);
  } finally {
    await loyalty.close();
  }
});
