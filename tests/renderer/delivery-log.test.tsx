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
    expect(newest?.textContent).toContain('Order updated');
    expect(newest?.textContent).toContain('Delivered');
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
    await user.click(form.getByRole('checkbox', { name: /^Cancelled/ }));
    await user.click(form.getByRole('button', { name: 'Re-send' }));
    expect(await form.findByText('7 deliveries queued again.')).toBeTruthy();
    const input = bulk.mock.calls[0]?.[0];
    expect(input).toMatchObject({ hook: 'close', states: ['failed', 'dead'] });
    expect(Date.parse(input?.until ?? '') - Date.parse(input?.since ?? '')).toBeGreaterThan(23 * 3600_000);
  });

  it('marks a re-sent copy in its row, with a link that opens the original', async () => {
    const client = new FakeClient();
    client.deliveries = [delivery(1, { checkNumber: '1042', state: 'failed' }), delivery(2, { checkNumber: '1042', resentFrom: 1 })];
    renderWithClient(<DeliveryLogPage />, client);
    const user = userEvent.setup();
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    const [, copyRow, originalRow] = within(table).getAllByRole('row');
    expect(within(originalRow!).queryByText('Copy')).toBeNull();
    await user.click(within(copyRow!).getByRole('button', { name: /Copy of an earlier delivery of check 1042: open the original/ }));
    expect(await screen.findByRole('dialog', { name: /Check 1042/ })).toBeTruthy();
    expect(await within(screen.getByRole('dialog')).findByText('Failed')).toBeTruthy();
  });

  it('says states and event types in plain words, and explains failed, gave up and cancelled', async () => {
    const client = new FakeClient();
    client.deliveries = [delivery(1, { state: 'dead' }), delivery(2, { state: 'failed', eventType: 'check.closed' })];
    renderWithClient(<DeliveryLogPage />, client);
    const table = await screen.findByRole('table');
    expect(await within(table).findByText('Gave up')).toBeTruthy();
    expect(within(table).getByText('Order closed')).toBeTruthy();
    expect(within(table).getAllByText('Order updated')).toHaveLength(1);
    expect(table.textContent).not.toMatch(/dead|check\./);
    const filters = within(screen.getByRole('search', { name: 'Filter deliveries' }));
    const state = filters.getByLabelText('State') as HTMLSelectElement;
    expect([...state.options].map((option) => option.textContent)).toEqual(expect.arrayContaining(['Gave up', 'Failed', 'Cancelled']));
    expect(screen.getByText(/Failed: the partner refused it/)).toBeTruthy();
    const form = within(screen.getByRole('form', { name: 'Re-send in bulk' }));
    for (const [name, words] of [['Failed', /partner refused/], ['Gave up', /retry limit/], ['Cancelled', /turned off/]] as const) {
      const box = form.getByRole('checkbox', { name: new RegExp(`^${name}`) });
      expect(box.closest('label')?.textContent).toMatch(words);
    }
  });

  it('finds check 1025 when searched as "#1025"', async () => {
    const client = clientWithRows(30);
    const list = vi.spyOn(client, 'listDeliveries');
    renderWithClient(<DeliveryLogPage />, client);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Check number'), '#1025{Enter}');
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ limit: 50, q: '1025' }));
    expect(await screen.findByText('1025')).toBeTruthy();
  });

  it('pages show their number out of how many, with Newest back to the first page', async () => {
    const client = clientWithRows(160);
    client.stats.counts.delivered = 106;
    client.stats.counts.failed = 54;
    renderWithClient(<DeliveryLogPage />, client);
    const user = userEvent.setup();
    const pager = screen.getByRole('navigation', { name: 'Pages' });
    expect(await within(pager).findByText('Page 1 of 4')).toBeTruthy();
    await user.click(within(pager).getByRole('button', { name: 'Older' }));
    await user.click(within(pager).getByRole('button', { name: 'Older' }));
    expect(await within(pager).findByText('Page 3 of 4')).toBeTruthy();
    await user.click(within(pager).getByRole('button', { name: 'Newest' }));
    expect(await within(pager).findByText('Page 1 of 4')).toBeTruthy();
    expect((within(pager).getByRole('button', { name: 'Newest' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
