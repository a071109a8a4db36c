// Issue 9.8 in a real browser: signing in with the printed address keeps the admin token in this
// tab's sessionStorage — no cookie, so another web service on 127.0.0.1 (any port) never receives
// it — drops it from the address bar, survives a reload, and the live log works over the stream.
import { makeEvent } from '../support/events.ts';
import { expect, test } from './hub-fixtures.ts';

test('the admin token stays on this port: no cookie, not in the address bar, not sent to another local service', async ({ adminPage: page, hub, receiver, context }) => {
  expect(page.url()).not.toContain(hub.adminToken);
  expect(new URL(page.url()).search).toBe('');
  expect(await context.cookies()).toEqual([]);
  expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([hub.adminToken]);

  // The manager then visits some other web page served on this PC (here: the test receiver's port).
  await page.goto(`${receiver.url}/some-local-tool`);
  const visit = receiver.requests.find((request) => request.path === '/some-local-tool');
  expect(visit, 'the other service was visited').toBeDefined();
  expect(JSON.stringify(visit!.headers)).not.toContain(hub.adminToken);
  expect(await page.evaluate(() => sessionStorage.length), "another port's page can't read the session").toBe(0);

  // Back on the hub's tab the session is still there.
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();
});

test('a reload keeps the session; a new tab without the token says which address to open; an old cookie is ignored and expired', async ({ adminPage: page, hub, context }) => {
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();

  // A cookie from the old way of signing in authorises nothing.
  await context.addCookies([{ name: 'owh_admin', value: hub.adminToken, url: hub.adminOrigin }]);
  const other = await context.newPage();
  await other.goto(`${hub.adminOrigin}/#/deliveries`);
  await expect(other.getByRole('heading', { name: 'Open the address printed by the hub' })).toBeVisible();
  await expect(other.getByRole('main')).toContainText(`${hub.adminOrigin}/?token=`);
  await expect(other.getByRole('link', { name: 'Delivery log' })).toHaveCount(0); // no screens without a session
  expect(await context.cookies(), 'the old cookie is expired by the hub').toEqual([]);
  await other.goto(hub.adminUrl);
  await expect(other.getByRole('heading', { name: 'Home' })).toBeVisible();
  await other.close();
});

test('the delivery log updates live over the authenticated stream', async ({ adminPage: page, api, receiver }) => {
  await api.saveSettings({
    requestHeader: { name: 'X-API-Key', value: 'k-live' },
    hooks: { open: { url: '', enabled: false }, update: { url: `${receiver.url}/update`, enabled: true }, close: { url: '', enabled: false } },
    thirdPartyOrders: false,
  });
  await page.goto(`${new URL(page.url()).origin}/#/deliveries`);
  await expect(page.getByText('No deliveries yet.', { exact: false })).toBeVisible();
  await api.ingest([makeEvent({ type: 'check.updated', check: { checkId: 'c-live', checkNumber: '7301' } })]);
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: '7301' })).toContainText('Delivered'); // the log's plain-words state label
});
