// The screen a manager can trust (issue 12), against a real hub: a partner refusing the API key is
// raised with its cause and, once fixed, the failed orders are re-sent from the banner and read
// "Re-sent → delivered"; an outage holds the other hooks behind the failing one under one waiting
// number, says when the next check goes and what each waiting order waits for, and Check now
// brings the partner back with the backlog drained; a Save that cancels says so and links them.
import type { Page } from '@playwright/test';
import { makeEvent } from '../support/events.ts';
import type { RecordedRequest } from '../support/test-receiver.ts';
import { expect, test } from './hub-fixtures.ts';

const checkNumber = (request: RecordedRequest) => ((request.json as { data?: { check?: { checkNumber?: string } } }).data?.check?.checkNumber ?? '');
const goTo = (page: Page, hash: string) => page.goto(`${new URL(page.url()).origin}/${hash}`);

test('a partner refusing the API key: banner with the cause, fix the key, re-send the failed orders from the banner', async ({ adminPage: page, api, receiver }) => {
  await api.saveSettings({
    requestHeader: { name: 'X-API-Key', value: 'wrong-key' },
    hooks: { open: { url: '', enabled: false }, update: { url: `${receiver.url}/update`, enabled: true }, close: { url: '', enabled: false } },
    thirdPartyOrders: false,
  });
  receiver.setMode((request) => (request.headers['x-api-key'] === 'right-key' ? { kind: 'ok' } : { kind: 'fail', status: 401, body: 'invalid api key' }));
  await api.ingest([1, 2, 3].map((n) => makeEvent({ check: { checkId: `c-key-${n}`, checkNumber: `410${n}` } })));

  const glance = page.getByRole('region', { name: 'At a glance' });
  const banner = glance.getByRole('alert');
  await expect(banner).toContainText('Partner refusing orders: Update Order Web Hooks (HTTP 401) — the partner refuses the API key.');
  await expect(banner).toContainText('3 orders not delivered');
  await expect(glance.getByRole('list', { name: 'Endpoint health' }).getByRole('listitem').filter({ hasText: 'Update Order Web Hooks' })).toContainText('Refusing orders (HTTP 401)');
  await expect(glance).toContainText('Not delivered: 3');
  const badge = page.getByRole('banner').getByRole('link', { name: /^Status:/ });
  await expect(badge).toHaveAccessibleName('Status: partner refusing orders, 3 not delivered');
  await expect(glance.getByRole('button', { name: /Re-send/ })).toHaveCount(0);

  // Fix the key on the partner's page.
  await banner.getByRole('link', { name: 'Open the partner page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Order webhook' })).toBeVisible();
  await page.getByLabel('Value').fill('right-key');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  // The trouble is over: the banner offers the re-send, counted first, confirmed, then queued.
  await goTo(page, '#/');
  await expect(glance.getByRole('alert')).toHaveCount(0);
  const offer = glance.getByRole('region', { name: 'Not delivered' });
  await offer.getByRole('button', { name: 'Re-send 3 failed orders' }).click();
  const confirm = page.getByRole('dialog', { name: 'Re-send 3 orders to the partner?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  expect(receiver.requests.filter((r) => r.headers['x-api-key'] === 'right-key')).toHaveLength(0);
  await confirm.getByRole('button', { name: 'Re-send 3 orders' }).click();
  const delivered = await receiver.waitFor((r) => r.headers['x-api-key'] === 'right-key', 15_000, 3);
  expect(delivered.map(checkNumber).sort()).toEqual(['4101', '4102', '4103']);

  // Nothing is missing any more: the originals read "Re-sent → delivered", linked to their copies.
  await expect(badge).toHaveAccessibleName('Status: all sent');
  await expect(glance).not.toContainText('Not delivered');
  await goTo(page, '#/deliveries');
  const resolved = page.getByRole('table').getByRole('button', { name: /^Re-sent → delivered: check 4101 was failed at first/ });
  await expect(resolved).toHaveText('Re-sent → delivered');
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'Re-sent → delivered' })).toHaveCount(3);
  await resolved.click();
  const drawer = page.getByRole('dialog', { name: 'Check 4101 · Update Order Web Hooks' });
  await expect(drawer.locator('.state').first()).toHaveText('Delivered');
  await drawer.getByRole('button', { name: /open the original/ }).click();
  await expect(drawer.getByRole('button', { name: 'Re-sent → delivered: open the delivered copy' })).toBeVisible();
});

test('an outage: held hooks in one waiting number, waiting for #N, the next check, Check now, then the partner is back', async ({ adminPage: page, api, receiver }) => {
  await api.saveSettings({
    requestHeader: { name: '', value: '' },
    hooks: { open: { url: `${receiver.url}/open`, enabled: true }, update: { url: `${receiver.url}/update`, enabled: true }, close: { url: `${receiver.url}/close`, enabled: true } },
    thirdPartyOrders: false,
  });
  // Down, and asking for five minutes' peace: only Check now brings the next probe forward.
  receiver.setMode({ kind: 'fail', status: 503, retryAfter: '300' });
  await api.ingest([1, 2].flatMap((n) => {
    const check = { checkId: `c-held-${n}`, checkNumber: `420${n}` };
    return [makeEvent({ type: 'check.opened', source: 'OLO', check }), makeEvent({ type: 'check.updated', check })];
  }));

  const glance = page.getByRole('region', { name: 'At a glance' });
  const banner = glance.getByRole('alert');
  await expect(banner).toContainText('Partner not answering: Open Order Web Hooks.');
  await expect(banner).toContainText('4 orders waiting');
  await expect(banner).toContainText('Update Order Web Hooks waits behind it');
  await expect(banner).toContainText(/Next check at /);
  await expect(glance.locator('.queue-number')).toHaveText('4');
  await expect(glance.getByRole('list', { name: 'Endpoint health' }).getByRole('listitem').filter({ hasText: 'Update Order Web Hooks' })).toContainText('Waiting behind Open Order Web Hooks · 2 waiting');
  await expect(page.getByRole('banner').getByRole('link', { name: /^Status:/ })).toHaveAccessibleName('Status: partner not answering, 4 waiting');

  // In the log, an update waits for its check's open: linked, and the drawer says what happens next.
  await goTo(page, '#/deliveries');
  const heldRow = page.getByRole('table').getByRole('row').filter({ hasText: '4201' }).filter({ hasText: 'Order updated' });
  await heldRow.getByRole('button', { name: /^Waiting for #\d+, an earlier delivery of check 4201: open it$/ }).waitFor();
  await heldRow.getByRole('button', { name: /open check 4201/ }).click();
  let drawer = page.getByRole('dialog', { name: 'Check 4201 · Update Order Web Hooks' });
  await expect(drawer).toContainText(/Next try: after #\d+, an earlier order of this check, is done/);
  await expect(drawer.getByRole('button', { name: 'Retry now' })).toBeDisabled();
  await expect(drawer.getByRole('button', { name: /^Retry #\d+ now$/ })).toBeVisible();
  await drawer.getByRole('button', { name: /^#\d+$/ }).click();
  drawer = page.getByRole('dialog', { name: 'Check 4201 · Open Order Web Hooks' });
  await expect(drawer).toContainText(/Next try: with the next check of the partner, at /);
  await drawer.getByRole('button', { name: 'Close' }).click();

  // The partner is back, but the hub would wait five minutes: Check now probes at once.
  receiver.setMode({ kind: 'ok' });
  await goTo(page, '#/');
  await banner.getByRole('button', { name: 'Check now' }).click();
  const back = glance.getByRole('status').filter({ hasText: 'Partner is back' });
  await expect(back).toContainText(/Partner is back — \d sent\./, { timeout: 20_000 });
  await expect(glance.locator('.queue-number')).toHaveText('0');
  await expect(glance.getByRole('alert')).toHaveCount(0);
  const arrived = receiver.requests.filter((r) => r.method === 'POST');
  for (const n of ['4201', '4202']) {
    expect(arrived.filter((r) => checkNumber(r) === n).map((r) => r.path).filter((path, i, all) => all.indexOf(path) === i)).toEqual(['/open', '/update']);
  }
});

test('a Save that cancels deliveries says how many and links them; the panel counts them', async ({ adminPage: page, api, receiver }) => {
  await api.saveSettings({
    requestHeader: { name: '', value: '' },
    hooks: { open: { url: '', enabled: false }, update: { url: `${receiver.url}/update`, enabled: true }, close: { url: '', enabled: false } },
    thirdPartyOrders: false,
  });
  receiver.setMode({ kind: 'fail', status: 503, retryAfter: '300' });
  await api.ingest([1, 2].map((n) => makeEvent({ check: { checkId: `c-cancel-${n}`, checkNumber: `430${n}` } })));
  await goTo(page, '#/integration-hub/order-webhook');
  const update = page.getByRole('group', { name: 'Update Order Web Hooks', exact: true });
  await expect(page.getByRole('region', { name: 'At a glance' }).locator('.queue-number')).toHaveText('2');
  await update.getByRole('radio', { name: 'NO' }).check();
  await expect(update).toContainText('Turning this off cancels 2 waiting deliveries when you save.');
  await page.getByRole('button', { name: 'Save' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Saved.' });
  await expect(notice).toContainText('2 waiting deliveries were cancelled: they stay in the log and can be re-sent.');
  await expect(page.getByRole('region', { name: 'At a glance' }).getByRole('link', { name: 'Cancelled: 2' })).toBeVisible();
  await notice.getByRole('link', { name: 'Show the cancelled deliveries' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Delivery log' })).toBeVisible();
  await expect(page.getByRole('search', { name: 'Filter deliveries' }).getByLabel('State')).toHaveValue('cancelled');
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'Cancelled' })).toHaveCount(2);
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('Page 1 of 1');
});
