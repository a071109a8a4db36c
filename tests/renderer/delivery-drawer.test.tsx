// @vitest-environment jsdom
// The delivery drawer: titled by the check, plain words for the event, money as money, and a
// Re-send of an already delivered order that asks first (issue 12 items 9 and Low).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeliveryDrawer } from '../../renderer/src/log/delivery-drawer.tsx';
import { delivery, FakeClient } from './fake-client.ts';
import { renderWithClient } from './render-app.tsx';

afterEach(cleanup);

function open(overrides: Parameters<typeof delivery>[1] = {}) {
  const client = new FakeClient();
  client.deliveries = [delivery(7, { checkNumber: '1042', hook: 'close', eventType: 'check.closed', ...overrides })];
  const resend = vi.spyOn(client, 'resendDelivery');
  const onOpen = vi.fn();
  renderWithClient(<DeliveryDrawer id={7} onClose={() => {}} onOpen={onOpen} />, client);
  return { client, resend, onOpen, user: userEvent.setup() };
}

describe('Delivery drawer', () => {
  it('is titled by the check number and says the event in plain words', async () => {
    open();
    const drawer = await screen.findByRole('dialog', { name: 'Check 1042 · Close Order Web Hooks' });
    expect(await within(drawer).findByText('Order closed')).toBeTruthy();
    expect(within(drawer).queryByText(/check\.closed/)).toBeNull();
  });

  it('asks before re-sending an order the partner already received, naming the new webhook-id', async () => {
    const { resend, user } = open({ state: 'delivered' });
    const drawer = await screen.findByRole('dialog', { name: /Check 1042/ });
    await within(drawer).findByText('Delivered');
    await user.click(within(drawer).getByRole('button', { name: 'Re-send' }));
    const confirm = await screen.findByRole('dialog', { name: 'Send check 1042 again?' });
    expect(confirm.textContent).toMatch(/partner already received/i);
    expect(confirm.textContent).toMatch(/new webhook-id/);
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(resend).not.toHaveBeenCalled();

    await user.click(within(drawer).getByRole('button', { name: 'Re-send' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Send check 1042 again?' })).getByRole('button', { name: 'Send it again' }));
    expect(resend).toHaveBeenCalledWith(7);
    expect(await within(drawer).findByText(/Re-sent as a copy/)).toBeTruthy();
  });

  it('re-sends a failed order without asking', async () => {
    const { resend, user } = open({ state: 'failed', lastStatus: 401 });
    const drawer = await screen.findByRole('dialog', { name: /Check 1042/ });
    await within(drawer).findByText('Failed');
    await user.click(within(drawer).getByRole('button', { name: 'Re-send' }));
    expect(resend).toHaveBeenCalledWith(7);
    expect(screen.queryByRole('dialog', { name: /again\?/ })).toBeNull();
  });

  it('shows the amounts of the check as money, not cents', async () => {
    const client = new FakeClient();
    client.deliveries = [delivery(7, { checkNumber: '1042' })];
    client.checks.set(7, {
      checkId: 'c-7', checkNumber: '1042', currency: 'USD',
      items: [{ lineId: 'l1', name: 'Burger', quantity: 2, unitPrice: 1295, modifiers: [{ name: 'Extra cheese', price: 150 }] }],
      subtotal: 2890, discounts: 0, tax: 220, tip: 0, total: 3110,
    });
    renderWithClient(<DeliveryDrawer id={7} onClose={() => {}} onOpen={() => {}} />, client);
    const summary = await screen.findByRole('table', { name: 'Check 1042 as sent' });
    expect(summary.textContent).toContain('Burger');
    expect(summary.textContent).toContain('$12.95');
    expect(summary.textContent).toContain('Extra cheese (+$1.50)');
    expect(within(summary).getByRole('row', { name: /2 × Burger/ }).textContent).toContain('$28.90');
    expect(summary.textContent).toContain('$31.10');
    expect(summary.textContent).not.toContain('3110');
  });

  it('links a copy to the delivery it was re-sent from', async () => {
    const client = new FakeClient();
    client.deliveries = [delivery(3, { checkNumber: '1042' }), delivery(7, { checkNumber: '1042', resentFrom: 3 })];
    const onOpen = vi.fn();
    renderWithClient(<DeliveryDrawer id={7} onClose={() => {}} onOpen={onOpen} />, client);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /original/i }));
    expect(onOpen).toHaveBeenCalledWith(3);
  });
});
