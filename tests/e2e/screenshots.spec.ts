// Screenshots of the main screens in a realistic state (docs/screenshots/*.png): two partners
// (Loyalty Co and Kitchen Display), a morning of checks, a few rejected, and Loyalty Co's Update
// endpoint currently down while Kitchen Display keeps receiving.
import { checkLifecycle } from '../support/events.ts';
import type { Page } from '@playwright/test';
import { expect, test } from './hub-fixtures.ts';

/** The whole page in one window-sized shot, so the sticky Save bar sits where it ends up. */
async function shoot(page: Page, name: string) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.max(800, height) });
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('screenshots of Home, Integration Hub, a partner page, Add partner, the Delivery log and the drawer', async ({ adminPage: page, api, receiver }) => {
  test.setTimeout(120_000);
  await api.put('/api/partners/p1', {
    name: 'Loyalty Co',
    requestHeader: { name: 'X-API-Key', value: 'demo-partner-key-7c41' },
    hooks: {
      close: { url: `${receiver.url}/orders/close`, enabled: true },
      open: { url: `${receiver.url}/orders/open`, enabled: true },
      update: { url: `${receiver.url}/orders/update`, enabled: true },
    },
    thirdPartyOrders: true,
    retry: { maxAgeHours: 72 },
  });
  await api.addPartner({
    name: 'Kitchen Display',
    requestHeader: { name: 'X-KDS-Token', value: 'kds-demo-token-19ab' },
    hooks: {
      close: { url: `${receiver.url}/kds/close`, enabled: true },
      open: { url: `${receiver.url}/kds/open`, enabled: true },
      update: { url: '', enabled: false },
    },
    thirdPartyOrders: true,
  });
  receiver.setMode((request) => (request.path === '/orders/close' && request.body.includes('"checkNumber":"1043"') ? { kind: 'fail', status: 422, body: 'unknown table' } : { kind: 'ok', body: '{"ok":true}' }));
  const checks = [1041, 1042, 1043, 1044].flatMap((n) => checkLifecycle({ checkId: `c-${n}`, checkNumber: String(n), updates: 1, startAt: Date.now() - 3600_000 }));
  await api.ingest(checks);
  // Loyalty Co takes every event, Kitchen Display the opened and closed ones; one close is refused.
  await receiver.waitFor(checks.length + 8 - 1, 20_000);

  // Now Loyalty Co's Update endpoint goes down, with two checks waiting for it.
  receiver.setMode((request) => (request.path === '/orders/update' ? { kind: 'fail', status: 503 } : { kind: 'ok' }));
  await api.ingest(checkLifecycle({ checkId: 'c-1045', checkNumber: '1045', updates: 2 }).slice(0, 3));

  const origin = new URL(page.url()).origin;
  const down = page.getByRole('alert').filter({ hasText: 'Loyalty Co — Update Order Web Hooks not answering' });
  await page.goto(`${origin}/#/`);
  await expect(down).toBeVisible();
  await shoot(page, 'home');

  await page.goto(`${origin}/#/integration-hub`);
  await expect(page.getByRole('list', { name: 'Partners' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('list', { name: 'Partners' }).getByRole('listitem').filter({ hasText: 'Loyalty Co' })).toContainText('not answering');
  await shoot(page, 'integration-hub');

  await page.goto(`${origin}/#/integration-hub/partners/p1`);
  await expect(page.getByRole('alert').filter({ hasText: 'Partner not answering' })).toBeVisible();
  await expect(page.getByText('Ingest URL')).toBeVisible();
  await shoot(page, 'webhooks');

  await page.goto(`${origin}/#/integration-hub/partners/new`);
  await page.getByLabel('Partner name').fill('Accounting Sync');
  await page.getByLabel('API Key').fill('Authorization');
  const close = page.getByRole('group', { name: 'Close Order Web Hooks', exact: true });
  await close.getByLabel('URL').fill('https://books.example/hooks/closed-checks');
  await close.getByRole('radio', { name: 'YES' }).check();
  await page.getByRole('checkbox', { name: 'Also send the orders of the last 24 hours' }).check();
  await expect(page.getByText(/orders would be queued for this partner/)).toBeVisible();
  await shoot(page, 'add-partner');

  await page.goto(`${origin}/#/deliveries`);
  await page.getByRole('dialog', { name: 'Leave without saving?' }).getByRole('button', { name: 'Leave without saving' }).click();
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: '1045' }).first()).toBeVisible();
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'Failed' }).first()).toBeVisible();
  await shoot(page, 'delivery-log');

  await page.getByRole('table').getByRole('row').filter({ hasText: '1043' }).filter({ hasText: 'Failed' }).first().getByRole('button', { name: /open check/ }).click();
  await expect(page.getByRole('dialog', { name: /Check 1043/ }).getByText('Attempt 1')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/delivery-drawer.png' });
});
