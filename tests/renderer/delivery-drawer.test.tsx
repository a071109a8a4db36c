// @vitest-environment jsdom
// The delivery drawer: titled by the check (and partner), plain words for the event, money as
// money, a Re-send that asks first when the order was delivered or the hook is refusing, what
// really happens next during an outage, and a delivery held behind an earlier one (issue 12 items
// 7, 8, 9 and Low; issue 13).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeliveryDrawer } from '../../renderer/src/log/delivery-drawer.tsx';
import { delivery, endpointHealth, FakeClient } from './fake-client.ts';
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

  it('a delivery waiting behind an earlier one of its check says for which, links it, and offers Retry now on that one', async () => {
    const client = new FakeClient();
    client.deliveries = [
      delivery(3, { checkNumber: '1042', hook: 'open', eventType: 'check.opened', state: 'retrying', lastStatus: 503 }),
      delivery(7, { checkNumber: '1042', state: 'pending', attempts: 0, lastStatus: null, waitingFor: 3 }),
    ];
    const retry = vi.spyOn(client, 'retryDelivery');
    const onOpen = vi.fn();
    renderWithClient(<DeliveryDrawer id={7} onClose={() => {}} onOpen={onOpen} />, client);
    const user = userEvent.setup();
    const drawer = await screen.findByRole('dialog', { name: /Check 1042/ });
    expect(await within(drawer).findByText(/\(Order opened, Retrying\), an earlier order of this check/)).toBeTruthy();
    expect((within(drawer).getByRole('button', { name: 'Retry now' }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(drawer).getByText(/Next try: after #3, an earlier order of this check, is done/)).toBeTruthy();
    await user.click(within(drawer).getByRole('button', { name: '#3' }));
    expect(onOpen).toHaveBeenCalledWith(3);
    await user.click(within(drawer).getByRole('button', { name: 'Retry #3 now' }));
    expect(retry).toHaveBeenCalledWith(3);
    expect(await within(drawer).findByText(/Retrying #3 now; this one follows/)).toBeTruthy();
  });

  it('during an outage, the next try is the partner’s next check, not a time already past', async () => {
    const client = new FakeClient();
    const past = new Date(Date.now() - 60_000).toISOString();
    const probe = new Date(Date.now() + 90_000).toISOString();
    client.deliveries = [delivery(7, { checkNumber: '1042', state: 'retrying', attempts: 4, lastStatus: 503, nextAttemptAt: past })];
    client.stats.endpoints = [endpointHealth('update', 'backing-off', { nextProbeAt: probe, waiting: 1 })];
    renderWithClient(<DeliveryDrawer id={7} onClose={() => {}} onOpen={() => {}} />, client);
    const drawer = await screen.findByRole('dialog', { name: /Check 1042/ });
    const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    expect(await within(drawer).findByText(`Next try: with the next check of the partner, at ${timeOnly.format(new Date(probe))}`)).toBeTruthy();
    expect(drawer.textContent).not.toContain(timeOnly.format(new Date(past)));
  });

  it('says "any moment now" for a retry that is due, when the partner answers', async () => {
    const client = new FakeClient();
    client.deliveries = [delivery(7, { checkNumber: '1042', state: 'retrying', nextAttemptAt: new Date(Date.now() - 5_000).toISOString() })];
    renderWithClient(<DeliveryDrawer id={7} onClose={() => {}} onOpen={() => {}} />, client);
    expect(await screen.findByText('Next try: any moment now')).toBeTruthy();
  });

  it('warns that a re-send will likely be refused again while the hook’s last answer was a rejection', async () => {
    const client = new FakeClient();
    client.deliveries = [delivery(7, { checkNumber: '1042', hook: 'update', state: 'failed', lastStatus: 401 })];
    client.stats.endpoints = [endpointHealth('update', 'rejecting', { lastStatus: 401, failingSince: '2026-11-27T19:00:00.000Z' })];
    const resend = vi.spyOn(client, 'resendDelivery');
    renderWithClient(<DeliveryDrawer id={7} onClose={() => {}} onOpen={() => {}} />, client);
    const user = userEvent.setup();
    const drawer = await screen.findByRole('dialog', { name: /Check 1042/ });
    await within(drawer).findByText('Failed');
    await user.click(within(drawer).getByRole('button', { name: 'Re-send' }));
    const confirm = await screen.findByRole('dialog', { name: 'Send check 1042 again?' });
    expect(confirm.textContent).toContain("The partner's last answer on Update Order Web Hooks was HTTP 401: the partner refuses the API key.");
    expect(confirm.textContent).toContain('will most likely be refused again');
    expect(resend).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: 'Re-send anyway' }));
    expect(resend).toHaveBeenCalledWith(7);
  });

  it('names the partner when the store has several, and links a resolved original to its delivered copy', async () => {
    const client = new FakeClient().withPartners('Loyalty Co');
    client.deliveries = [
      delivery(7, { checkNumber: '1042', partnerId: 'p2', partnerName: 'Loyalty Co', state: 'failed', resentTo: 9, resolved: true }),
      delivery(9, { checkNumber: '1042', partnerId: 'p2', partnerName: 'Loyalty Co', resentFrom: 7 }),
    ];
    const onOpen = vi.fn();
    renderWithClient(<DeliveryDrawer id={7} onClose={() => {}} onOpen={onOpen} />, client);
    const drawer = await screen.findByRole('dialog', { name: 'Check 1042 · Loyalty Co · Update Order Web Hooks' });
    expect(within(drawer).getByText('Partner').nextElementSibling?.textContent).toBe('Loyalty Co');
    expect(within(drawer).getByText(/re-sent, and the copy was delivered: nothing is missing/)).toBeTruthy();
    await userEvent.setup().click(within(drawer).getByRole('button', { name: 'Re-sent → delivered: open the delivered copy' }));
    expect(onOpen).toHaveBeenCalledWith(9);
  });
});

