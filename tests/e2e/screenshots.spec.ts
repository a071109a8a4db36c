// Screenshots of the main screens in a realistic state (docs/screenshots/*.png): a configured
// partner, a morning of checks, a few rejected, and the Update endpoint currently down.
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
  await page.goto(`${origin}/#/`);
  await expect(page.getByRole('alert').filter({ hasText: 'Partner not answering' })).toBeVisible();
  await shoot(page, 'home');

  await page.goto(`${origin}/#/integration-hub/order-webhook`);
  await expect(page.getByRole('alert').filter({ hasText: 'Partner not answering' })).toBeVisible();
  await expect(page.getByText('Ingest URL')).toBeVisible();
  await shoot(page, 'webhooks');

  await page.goto(`${origin}/#/deliveries`);
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: '1045' }).first()).toBeVisible();
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'Failed' }).first()).toBeVisible();
  await shoot(page, 'delivery-log');

  await page.getByRole('table').getByRole('row').filter({ hasText: '1043' }).filter({ hasText: 'Failed' }).first().getByRole('button', { name: /open check/ }).click();
  await expect(page.getByRole('dialog', { name: /Check 1043/ }).getByText('Attempt 1')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/delivery-drawer.png' });
});
