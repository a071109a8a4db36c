// The manager's path through the Webhooks page against a real hub: configure hooks and the API key
// in the UI, see events reach the partner with the header and show delivered; invalid input saves nothing.
import { makeEvent } from '../support/events.ts';
import { expect, test } from './hub-fixtures.ts';

test('configure hooks and API key in the UI; events arrive with the header and show delivered', async ({ adminPage: page, api, receiver }) => {
  await page.getByRole('link', { name: /Integration Hub/ }).first().click();
  await page.getByRole('link', { name: /Order webhook/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Order webhook' })).toBeVisible();

  await page.getByLabel('API Key').fill('X-API-Key');
  await page.getByLabel('Value').fill('partner-secret-9f3a');
  for (const [name, path] of [['Close Order Web Hooks', '/close'], ['Open Order Web Hooks', '/open'], ['Update Order Web Hooks', '/update']] as const) {
    const group = page.getByRole('group', { name, exact: true });
    await group.getByLabel('URL').fill(`${receiver.url}${path}`);
    await group.getByRole('radio', { name: 'YES' }).check();
  }
  await page.getByRole('group', { name: '3rd Order Web Hooks is Active' }).getByRole('radio', { name: 'YES' }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  // The value is write-only: masked in the page and in the API from now on.
  await expect(page.getByLabel('Value')).toHaveValue('');
  expect(await page.content()).not.toContain('partner-secret-9f3a');
  const saved = await api.settings();
  expect(saved.requestHeader).toMatchObject({ name: 'X-API-Key', hasValue: true });
  expect(saved.requestHeader.value).not.toContain('partner-secret');
  expect(saved.hooks.open).toEqual({ url: `${receiver.url}/open`, enabled: true });
  expect(saved.thirdPartyOrders).toBe(true);

  const check = { checkId: 'c-e2e-1', checkNumber: '4711' };
  await api.ingest([
    makeEvent({ type: 'check.opened', source: 'POS', check }),
    makeEvent({ type: 'check.updated', check }),
    makeEvent({ type: 'check.closed', check: { ...check, status: 'CLOSED' } }),
  ]);
  const arrived = await receiver.waitFor(3, 15_000);
  expect(arrived.map((request) => request.path)).toEqual(['/open', '/update', '/close']);
  for (const request of arrived) expect(request.headers['x-api-key']).toBe('partner-secret-9f3a');

  await page.getByRole('link', { name: 'Delivery log' }).first().click();
  const rows = page.getByRole('table').getByRole('row').filter({ hasText: '4711' });
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'delivered' })).toHaveCount(3);
});

test('invalid input shows its error, moves focus there and saves nothing', async ({ adminPage: page, api }) => {
  const before = await api.settings();
  await page.goto(`${new URL(page.url()).origin}/#/integration-hub/order-webhook`);
  await page.getByLabel('API Key').fill('X API Key');
  const close = page.getByRole('group', { name: 'Close Order Web Hooks', exact: true });
  await close.getByRole('radio', { name: 'YES' }).check();
  const open = page.getByRole('group', { name: 'Open Order Web Hooks', exact: true });
  await open.getByLabel('URL').fill('ftp://partner.example/open');
  await page.getByRole('button', { name: 'Save' }).click();

  await expect(page.getByText(/Header name may only contain/)).toBeVisible();
  await expect(close.getByText('Enter the partner URL before turning this hook on')).toBeVisible();
  await expect(open.getByText(/Only http:\/\/ and https:\/\//)).toBeVisible();
  await expect(page.getByLabel('API Key')).toBeFocused();
  await expect(page.getByRole('alert').filter({ hasText: 'Please fix 3 fields' })).toBeVisible();
  expect(await api.settings()).toEqual(before);

  // Leaving with unsaved changes asks first; staying keeps the edits.
  await page.getByRole('link', { name: 'Delivery log' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
  await dialog.getByRole('button', { name: 'Stay on this page' }).click();
  await expect(page.getByLabel('API Key')).toHaveValue('X API Key');
});

test('Send test shows the partner’s answer, and a plain-words error when it is down', async ({ adminPage: page, api, receiver }) => {
  await api.saveSettings({
    requestHeader: { name: 'X-API-Key', value: 'k-1' },
    hooks: { open: { url: `${receiver.url}/open`, enabled: true }, update: { url: '', enabled: false }, close: { url: '', enabled: false } },
    thirdPartyOrders: false,
  });
  receiver.setMode({ kind: 'ok', status: 200, body: '{"received":true}' });
  await page.goto(`${new URL(page.url()).origin}/#/integration-hub/order-webhook`);
  const open = page.getByRole('group', { name: 'Open Order Web Hooks', exact: true });
  await open.getByRole('button', { name: 'Send test' }).click();
  await expect(open.getByText(/Test delivered to .* Partner answered 200 in \d+ ms/)).toBeVisible();
  await expect(open.locator('.test-result')).toContainText(`${receiver.url}/open`);
  await expect(open.getByText('{"received":true}')).toBeVisible();

  receiver.setMode({ kind: 'fail', status: 503, body: 'maintenance' });
  await open.getByRole('button', { name: 'Send test' }).click();
  await expect(open.getByText(/Test failed/)).toBeVisible();
  await expect(open.getByText('maintenance')).toBeVisible();

  // Another address in the field: the old result goes, and the test waits for Save.
  const before = receiver.requests.length;
  await open.getByLabel('URL').fill(`${receiver.url}/elsewhere`);
  await expect(open.getByText(/Test failed/)).toHaveCount(0);
  await expect(open.getByRole('button', { name: /Send test/ })).toBeDisabled();
  await expect(open.getByText('Save to test this address')).toBeVisible();
  receiver.setMode({ kind: 'ok' });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await open.getByRole('button', { name: /Send test/ }).click();
  await expect(open.locator('.test-result')).toContainText(`Test delivered to ${receiver.url}/elsewhere`);
  expect(receiver.requests.slice(before).map((request) => request.path)).toEqual(['/elsewhere']);
});
