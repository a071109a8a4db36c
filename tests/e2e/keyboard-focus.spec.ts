// Keyboard users must see where they are: the focus ring on a YES/NO option stands out from the
// blue of the selected option, and every "are you sure?" dialog opens with focus on its safe
// choice (Cancel / Stay), never on "×" or on the action that can't be undone.
import type { Locator } from '@playwright/test';
import { expect, test } from './hub-fixtures.ts';

/** WCAG relative luminance contrast of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, b2] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b2 ?? 0);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

/** The outline drawn around the YES/NO toggle (or its focused option), with what lies under it. */
async function focusRing(option: Locator) {
  return option.evaluate((input) => {
    const span = input.nextElementSibling as HTMLElement;
    const group = input.closest('.yes-no-options') as HTMLElement;
    const ring = [group, span].map((el) => getComputedStyle(el)).find((style) => style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2);
    return { color: ring?.outlineColor ?? null, width: ring ? parseFloat(ring.outlineWidth) : 0, selectedBackground: getComputedStyle(span).backgroundColor, page: getComputedStyle(document.body).backgroundColor };
  });
}

test('the focused YES/NO option shows a ring that stands out from the selected blue and the page', async ({ adminPage: page, api, receiver }) => {
  await api.saveSettings({
    requestHeader: { name: '', value: '' },
    hooks: { close: { url: `${receiver.url}/close`, enabled: true }, open: { url: '', enabled: false }, update: { url: '', enabled: false } },
    thirdPartyOrders: false,
  });
  await page.goto(`${new URL(page.url()).origin}/#/integration-hub/order-webhook`);
  const close = page.getByRole('group', { name: 'Close Order Web Hooks', exact: true });
  await close.getByLabel('URL').focus();
  await page.keyboard.press('Tab');
  const yes = close.getByRole('radio', { name: 'YES' });
  await expect(yes).toBeFocused();
  await expect(yes).toBeChecked();
  const ring = await focusRing(yes);
  expect(ring.color, 'a visible focus outline').not.toBeNull();
  expect(ring.width).toBeGreaterThanOrEqual(2);
  expect(contrast(ring.color ?? '', ring.selectedBackground), 'ring vs the selected option').toBeGreaterThanOrEqual(3);
  expect(contrast(ring.color ?? '', 'rgb(255, 255, 255)'), 'ring vs the white form').toBeGreaterThanOrEqual(3);
});

test('dialogs open with focus on the safe choice: Cancel, Stay on this page', async ({ adminPage: page }) => {
  await page.goto(`${new URL(page.url()).origin}/#/integration-hub/order-webhook`);
  const connection = page.getByRole('region', { name: 'POS connection' });
  await connection.getByRole('button', { name: 'Regenerate token' }).click();
  const regenerate = page.getByRole('dialog', { name: 'Regenerate the POS token?' });
  await expect(regenerate.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(regenerate).toHaveCount(0);
  await expect(connection.getByText(/New POS token made/)).toHaveCount(0);

  await page.getByLabel('API Key').fill('X-Changed');
  await page.getByRole('link', { name: 'Delivery log' }).first().click();
  const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(leave.getByRole('button', { name: 'Stay on this page' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('API Key')).toHaveValue('X-Changed');
});
