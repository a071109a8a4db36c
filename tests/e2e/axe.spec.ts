// axe-core (through @axe-core/playwright) on every screen a manager uses, in a realistic state —
// two partners, configured hooks, delivered and rejected orders, one partner down — and on the
// open drawer, Add partner (with its backfill count) and the Remove partner dialog: no serious or
// critical WCAG 2.x A/AA violations.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { checkLifecycle, makeEvent } from '../support/events.ts';
import { expect, test } from './hub-fixtures.ts';

async function seriousViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('no serious or critical accessibility violations on Home, Integration Hub, the partner pages, Add partner, the log and the drawer', async ({ adminPage: page, api, receiver }) => {
  await api.saveSettings({
    requestHeader: { name: 'X-API-Key', value: 'axe-partner-key-1234' },
    hooks: {
      close: { url: `${receiver.url}/close`, enabled: true },
      open: { url: `${receiver.url}/open`, enabled: true },
      update: { url: `${receiver.url}/update`, enabled: true },
    },
    thirdPartyOrders: true,
  });
  await api.addPartner({
    name: 'Loyalty Co',
    requestHeader: { name: 'X-Loyalty-Key', value: 'axe-loyalty-key-5678' },
    hooks: { close: { url: '', enabled: false }, open: { url: '', enabled: false }, update: { url: `${receiver.url}/loyalty`, enabled: true } },
    thirdPartyOrders: false,
  });
  receiver.setMode((request) => (request.path === '/close' ? { kind: 'fail', status: 401, body: 'bad key' } : request.path === '/update' ? { kind: 'fail', status: 503 } : { kind: 'ok' }));
  await api.ingest([2001, 2002].flatMap((n) => checkLifecycle({ checkId: `c-axe-${n}`, checkNumber: String(n), updates: 1 })));
  // A check whose only event is its close: refused at once (401), so the log holds a Failed row too.
  await api.ingest([makeEvent({ type: 'check.closed', check: { checkId: 'c-axe-2003', checkNumber: '2003', status: 'CLOSED' } })]);
  const origin = new URL(page.url()).origin;

  for (const [hash, ready] of [
    ['#/', 'At a glance'],
    ['#/integration-hub', 'Integration Hub'],
    ['#/integration-hub/order-webhook', 'POS connection'],
    ['#/integration-hub/partners/p2', 'POS connection'],
    ['#/integration-hub/partners/new', 'Add partner'],
    ['#/deliveries', 'At a glance'],
  ] as const) {
    await page.goto(`${origin}/${hash}`);
    await expect(page.getByRole(ready === 'Integration Hub' || ready === 'Add partner' ? 'heading' : 'region', { name: ready }).first()).toBeVisible();
    if (ready === 'Integration Hub') await expect(page.getByRole('list', { name: 'Partners' }).getByRole('listitem')).toHaveCount(2);
    if (ready === 'Add partner') {
      await page.getByRole('checkbox', { name: /Also send the orders of the last/ }).check();
      await expect(page.getByText(/would be queued|No order of that time/)).toBeVisible();
    }
    await expect(page.getByText('Loading', { exact: false })).toHaveCount(0);
    await page.locator('details').evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
    expect(await seriousViolations(page), `violations on ${hash}`).toEqual([]);
  }

  await expect(page.getByRole('columnheader', { name: 'Partner' })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'Failed' }).first()).toBeVisible();
  await page.getByRole('table').getByRole('row').filter({ hasText: 'Failed' }).first().getByRole('button', { name: /open check/i }).click();
  const drawer = page.getByRole('dialog', { name: /Check 2003/ });
  await expect(drawer.getByText('Attempt 1')).toBeVisible();
  await drawer.locator('details').evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
  expect(await seriousViolations(page, 'dialog'), 'violations in the drawer').toEqual([]);

  await drawer.getByRole('button', { name: 'Close' }).click();

  await page.goto(`${origin}/#/integration-hub/partners/p2`);
  await page.getByRole('button', { name: 'Remove Loyalty Co' }).click();
  await expect(page.getByRole('dialog', { name: 'Remove Loyalty Co?' })).toBeVisible();
  expect(await seriousViolations(page, 'dialog'), 'violations in the Remove partner dialog').toEqual([]);
});
