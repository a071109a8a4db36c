// POS connection and signing secret against a real hub: Show and Copy the POS token, Regenerate it
// (the old one stops working), Generate and Rotate the signing secret (shown once, with Copy).
import { makeEvent } from '../support/events.ts';
import { expect, test } from './hub-fixtures.ts';

test('POS token: show, copy, regenerate with confirmation', async ({ adminPage: page, hub, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`${new URL(page.url()).origin}/#/integration-hub/order-webhook`);
  const panel = page.getByRole('region', { name: 'POS connection' });
  await expect(panel.getByText(hub.ingestUrl)).toBeVisible();
  await expect(panel.getByText('Authorization: Bearer <token>')).toBeVisible();
  // The event format link opens the JSON Schema bundled with the screens.
  const schema = await page.request.get(new URL((await panel.getByRole('link', { name: /event format/ }).getAttribute('href')) ?? '', page.url()).href);
  expect(schema.status()).toBe(200);
  expect(((await schema.json()) as { title?: string; $schema?: string }).$schema).toMatch(/json-schema/);
  await expect(panel).not.toContainText(hub.posToken);
  await panel.getByRole('button', { name: 'Show' }).click();
  await expect(panel.getByText(hub.posToken)).toBeVisible();
  await panel.getByRole('button', { name: 'Hide' }).click();
  await expect(panel).not.toContainText(hub.posToken);
  await panel.getByRole('button', { name: 'Copy token' }).click();
  await expect(panel.getByText('Copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(hub.posToken);

  await panel.getByRole('button', { name: 'Regenerate token' }).click();
  await page.getByRole('dialog', { name: 'Regenerate the POS token?' }).getByRole('button', { name: 'Regenerate now' }).click();
  await expect(panel.getByText(/New POS token made/)).toBeVisible();
  const fresh = (await panel.locator('code.secret').textContent()) ?? '';
  expect(fresh).not.toBe(hub.posToken);
  const refused = await fetch(hub.ingestUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${hub.posToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(makeEvent()),
  });
  expect(refused.status).toBe(401);
});

test('signing secret: generate, then rotate with confirmation; the new one is shown once', async ({ adminPage: page, api }) => {
  await page.goto(`${new URL(page.url()).origin}/#/integration-hub/order-webhook`);
  const panel = page.getByRole('region', { name: 'Signing secret' });
  await expect(panel.getByText('Not set: webhooks are not signed.')).toBeVisible();
  await panel.getByRole('button', { name: 'Generate secret' }).click();
  const first = panel.getByRole('status').filter({ hasText: 'New secret, shown this once' }).locator('code');
  await expect(first).toHaveText(/^whsec_/);
  const firstSecret = (await first.textContent()) ?? '';

  await panel.getByRole('button', { name: 'Rotate secret' }).click();
  await page.getByRole('dialog', { name: 'Rotate the signing secret?' }).getByRole('button', { name: 'Rotate now' }).click();
  await expect(panel.getByText(/old secret keeps working for 24 hours/)).toBeVisible();
  await expect(first).not.toHaveText(firstSecret);
  const settings = await api.settings();
  expect(settings.signingSecret).not.toContain(firstSecret.slice(6));
  expect(settings.signingSecretRotatedAt).not.toBeNull();
});
