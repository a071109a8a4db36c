// At 1024×700 (a small store PC screen) the Webhooks page keeps Save within reach without
// scrolling, and the log's columns, "Check number" included, are not cut off.
import { makeEvent } from '../support/events.ts';
import { expect, test } from './hub-fixtures.ts';

test.use({ viewport: { width: 1024, height: 700 } });

test('Save stays on screen at 1024×700, and no log column header is clipped', async ({ adminPage: page, api, receiver }) => {
  await api.saveSettings({
    requestHeader: { name: 'X-API-Key', value: 'small-screen-key' },
    hooks: { close: { url: `${receiver.url}/close`, enabled: true }, open: { url: `${receiver.url}/open`, enabled: true }, update: { url: `${receiver.url}/update`, enabled: true } },
    thirdPartyOrders: true,
  });
  const origin = new URL(page.url()).origin;
  await page.goto(`${origin}/#/integration-hub/order-webhook`);
  const save = page.getByRole('button', { name: 'Save' });
  await expect(save).toBeInViewport();
  await page.getByRole('group', { name: 'Close Order Web Hooks', exact: true }).getByLabel('URL').focus();
  await expect(save).toBeInViewport();
  await page.mouse.wheel(0, 400);
  await expect(save).toBeInViewport();

  await api.ingest([makeEvent({ type: 'check.updated', check: { checkId: 'c-small', checkNumber: '1234567' } })]);
  await page.goto(`${origin}/#/deliveries`);
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: '1234567' })).toHaveCount(1);
  const clipped = await page.locator('.log-table th, .log-table td').evaluateAll((cells) =>
    cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent),
  );
  expect(clipped).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
