// Home and the top bar tell the truth at a glance against a real hub: while a partner is down the
// banner is on Home and the badge on every page says so; once it answers again both go back to
// "all sent".
import { makeEvent } from '../support/events.ts';
import { expect, test } from './hub-fixtures.ts';

test('Home shows the outage banner and the queue; the top-bar badge follows on every page', async ({ adminPage: page, api, receiver }) => {
  await api.saveSettings({
    requestHeader: { name: '', value: '' },
    hooks: { close: { url: '', enabled: false }, open: { url: '', enabled: false }, update: { url: `${receiver.url}/update`, enabled: true } },
    thirdPartyOrders: false,
  });
  const badge = page.getByRole('banner').getByRole('link', { name: /^Status:/ });
  await expect(badge).toHaveAccessibleName('Status: all sent');

  receiver.setMode({ kind: 'fail', status: 503 });
  await api.ingest([1, 2].map((n) => makeEvent({ type: 'check.updated', check: { checkId: `c-home-${n}`, checkNumber: `90${n}` } })));
  const glance = page.getByRole('region', { name: 'At a glance' });
  await expect(glance.getByRole('alert')).toContainText('Partner not answering: Update Order Web Hooks.');
  await expect(glance.locator('.queue-number')).toHaveText('2');
  await expect(badge).toHaveAccessibleName('Status: partner not answering, 2 waiting');

  for (const link of ['Integration Hub', 'Delivery log']) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await expect(badge).toHaveAccessibleName('Status: partner not answering, 2 waiting');
  }
  await badge.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Delivery log' })).toBeVisible();

  receiver.setMode({ kind: 'ok' });
  await expect(badge).toHaveAccessibleName('Status: all sent', { timeout: 45_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(glance.getByRole('alert')).toHaveCount(0);
  await expect(glance.locator('.queue-number')).toHaveText('0');
});
