// The log stays quick with a big backlog: 100,000 deliveries waiting (the partner is unreachable),
// first page, cursor paging and check-number search each answer within a few seconds even on a busy 2-core machine.
import { makeEvent } from '../support/events.ts';
import { expect, test } from './hub-fixtures.ts';

const TOTAL = 100_000;
const BATCH = 500;

test('100,000 waiting deliveries: first page, Older/Newer and search stay fast', async ({ adminPage: page, api, receiver }) => {
  test.setTimeout(300_000);
  await api.saveSettings({
    requestHeader: { name: '', value: '' },
    hooks: { open: { url: '', enabled: false }, update: { url: `${receiver.url}/update`, enabled: true }, close: { url: '', enabled: false } },
    thirdPartyOrders: false,
  });
  await receiver.close(); // every delivery waits: the endpoint backs off with one probe at a time
  for (let start = 0; start < TOTAL; start += BATCH) {
    const events = Array.from({ length: BATCH }, (_, i) => makeEvent({ check: { checkId: `c-big-${start + i}`, checkNumber: String(100_000 + start + i) } }));
    await api.ingest(events);
  }

  const origin = new URL(page.url()).origin;
  let started = Date.now();
  await page.goto(`${origin}/#/deliveries`);
  const table = page.getByRole('table');
  await expect(table.getByRole('row').nth(1)).toContainText(String(100_000 + TOTAL - 1), { timeout: 5_000 });
  await expect(table.getByRole('row')).toHaveCount(51);
  expect(Date.now() - started).toBeLessThan(5_000);
  await expect(page.getByRole('region', { name: 'At a glance' }).locator('.queue-number')).toHaveText('100,000');

  for (let pageNumber = 2; pageNumber <= 4; pageNumber += 1) {
    started = Date.now();
    await page.getByRole('button', { name: 'Older' }).click();
    await expect(page.getByText(`Page ${pageNumber} of 2,000`)).toBeVisible();
    await expect(table.getByRole('row').nth(1)).toContainText(String(100_000 + TOTAL - 1 - (pageNumber - 1) * 50), { timeout: 3_000 });
    expect(Date.now() - started).toBeLessThan(3_000);
  }
  await page.getByRole('button', { name: 'Newer' }).click();
  await expect(page.getByText('Page 3 of 2,000')).toBeVisible();

  started = Date.now();
  await page.getByRole('search').getByLabel('Check number').fill('100042');
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await expect(table.getByRole('row').filter({ hasText: '100042' }).first()).toBeVisible({ timeout: 3_000 });
  expect(Date.now() - started).toBeLessThan(3_000);
});
