// @vitest-environment jsdom
// The delivery log: rows render, filters and search become the right listDeliveries query,
// paging follows nextCursor, and a hub change refetches without a reload.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeliveryLogPage } from '../../renderer/src/log/delivery-log-page.tsx';
import { delivery, FakeClient } from './fake-client.ts';
import { renderWithClient } from './render-app.tsx';

afterEach(cleanup);

function clientWithRows(count: number) {
  const client = new FakeClient();
  client.deliveries = Array.from({ length: count }, (_, i) => delivery(i + 1, i % 3 === 0 ? { state: 'failed', hook: 'open', lastStatus: 400 } : {}));
  return client;
}

describe('Delivery log', () => {
  it('renders rows newest first with their columns', async () => {
    renderWithClient(<DeliveryLogPage />, clientWithRows(3));
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    const [, newest] = within(table).getAllByRole('row');
    expect(newest?.textContent).toContain('1003');
    expect(newest?.textContent).toContain('check.updated');
    expect(newest?.textContent).toContain('delivered');
    expect(newest?.textContent).toContain('42 ms');
  });

  it('turns filters and search into the listDeliveries query', async () => {
    const client = clientWithRows(6);
    const list = vi.spyOn(client, 'listDeliveries');
    renderWithClient(<DeliveryLogPage />, client);
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ limit: 50 }));
    const user = userEvent.setup();
    const filters = within(screen.getByRole('search', { name: 'Filter deliveries' }));
    await user.selectOptions(filters.getByLabelText('State'), 'failed');
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ limit: 50, state: 'failed' }));
    await user.selectOptions(filters.getByLabelText('Hook'), 'open');
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ limit: 50, state: 'failed', hook: 'open' }));
    await user.type(filters.getByLabelText('Check number'), '1004{Enter}');
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ limit: 50, state: 'failed', hook: 'open', q: '1004' }));
    const table = screen.getByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
  });

  it('pages with the cursor: Older, then Newer', async () => {
    const client = clientWithRows(120);
    const list = vi.spyOn(client, 'listDeliveries');
    renderWithClient(<DeliveryLogPage />, client);
    const user = userEvent.setup();
    await screen.findByText('1120');
    await user.click(screen.getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ limit: 50, cursor: 71 }));
    expect(await screen.findByText('1070')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Newer' }));
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ limit: 50 }));
  });

  it('refetches when the hub reports a change', async () => {
    const client = clientWithRows(1);
    renderWithClient(<DeliveryLogPage />, client);
    await screen.findByText('1001');
    client.deliveries.push(delivery(2, { checkNumber: '2002', state: 'retrying' }));
    client.emitChange();
    expect(await screen.findByText('2002')).toBeTruthy();
  });

  it('says so when there is nothing yet', async () => {
    renderWithClient(<DeliveryLogPage />, new FakeClient());
    expect(await screen.findByText(/No deliveries yet/)).toBeTruthy();
  });

  it('bulk re-send sends the hook, the chosen states and the time range', async () => {
    const client = new FakeClient();
    const bulk = vi.spyOn(client, 'resendBulk').mockResolvedValue({ queued: 7 });
    renderWithClient(<DeliveryLogPage />, client);
    const user = userEvent.setup();
    const form = within(await screen.findByRole('form', { name: 'Re-send in bulk' }));
    await user.selectOptions(form.getByLabelText('Hook'), 'close');
    await user.click(form.getByRole('checkbox', { name: 'cancelled' }));
    await user.click(form.getByRole('button', { name: 'Re-send' }));
    expect(await form.findByText('7 deliveries queued again.')).toBeTruthy();
    const input = bulk.mock.calls[0]?.[0];
    expect(input).toMatchObject({ hook: 'close', states: ['failed', 'dead'] });
    expect(Date.parse(input?.until ?? '') - Date.parse(input?.since ?? '')).toBeGreaterThan(23 * 3600_000);
  });
});
