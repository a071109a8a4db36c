// Basic accessibility on every page: each form control has a label (or aria-label/-labelledby); YES/NO toggles
// and Cancel work from the keyboard.
import { expect, test } from './hub-fixtures.ts';

const PAGES = ['#/', '#/integration-hub', '#/integration-hub/order-webhook', '#/integration-hub/partners/p1', '#/integration-hub/partners/new', '#/deliveries'];

test('every input, select and button has an accessible name on every page', async ({ adminPage: page }) => {
  const origin = new URL(page.url()).origin;
  for (const hash of PAGES) {
    await page.goto(`${origin}/${hash}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.locator('details').evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
    const unnamed = await page.locator('input, select, textarea').evaluateAll((controls) =>
      controls.filter((control) => (control as HTMLInputElement).labels?.length === 0 && !control.getAttribute('aria-label') && !control.getAttribute('aria-labelledby')).map((control) => control.outerHTML),
    );
    expect(unnamed, `unlabelled controls on ${hash}`).toEqual([]);
    const nameless = await page.locator('button').evaluateAll((buttons) => buttons.filter((button) => !(button.textContent ?? '').trim() && !button.getAttribute('aria-label')).map((button) => button.outerHTML));
    expect(nameless, `buttons without a name on ${hash}`).toEqual([]);
  }
});

test('YES/NO toggles and Cancel work from the keyboard', async ({ adminPage: page }) => {
  const origin = new URL(page.url()).origin;
  await page.goto(`${origin}/#/integration-hub/order-webhook`);
  const close = page.getByRole('group', { name: 'Close Order Web Hooks', exact: true });
  await close.getByLabel('URL').fill('https://partner.example/close');
  await page.keyboard.press('Tab');
  await expect(close.getByRole('radio', { name: 'NO' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(close.getByRole('radio', { name: 'YES' })).toBeChecked();
  await page.getByRole('button', { name: 'Cancel' }).press('Enter');
  await expect(close.getByRole('radio', { name: 'NO' })).toBeChecked();
});
