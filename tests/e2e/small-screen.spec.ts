// At 1024×700 (a small store PC screen) the Webhooks page keeps Save within reach without
// scrolling, and the log's columns, "Check number" and the Partner column of a store with several
// partners included, are not cut off.
import { makeEvent } from '../support/events.ts';
import { expect, test } from './hub-fixtures.ts';

test.use({ viewport: { width: 1024, height: 700 } });

test('Save stays on screen at 1024×700, and no log column is clipped, with the Partner column too', async ({ adminPage: page, api, receiver }) => {
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

  await api.addPartner({
    name: 'Kitchen Display',
    requestHeader: { name: '', value: '' },
    hooks: { close: { url: '', enabled: false }, open: { url: '', enabled: false }, update: { url: `${receiver.url}/kds`, enabled: true } },
    thirdPartyOrders: false,
  });
  await api.ingest([makeEvent({ type: 'check.updated', check: { checkId: 'c-small', checkNumber: '1234567' } })]);
  await page.goto(`${origin}/#/deliveries`);
  await expect(page.getByRole('columnheader', { name: 'Partner' })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: '1234567' })).toHaveCount(2);
  // A partner's name may be long (60 characters): its cell ends in "…" and carries the name as a tooltip.
  const clipped = await page.locator('.log-table th, .log-table td:not(.partner-cell)').evaluateAll((cells) =>
    cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent),
  );
  expect(clipped).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
